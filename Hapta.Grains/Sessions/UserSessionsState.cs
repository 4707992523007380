namespace Hapta.Sessions;

[GenerateSerializer, Alias("Hapta.Sessions.UserSessionsState")]
public sealed class UserSessionsState
{
    [Id(0)]
    public HashSet<string> SessionIds { get; set; } = new(StringComparer.Ordinal);
}
