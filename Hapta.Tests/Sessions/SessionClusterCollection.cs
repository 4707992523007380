namespace Hapta.Sessions.Tests;

/// <summary>The session and user-sessions grain tests share one silo and run one at a time on its clock.</summary>
[CollectionDefinition(Name)]
public sealed class SessionClusterCollection : ICollectionFixture<SessionClusterFixture>
{
    public const string Name = "Session cluster";
}
