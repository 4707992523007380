namespace Hapta.Sessions;

/// <summary>What an operator may see of a session: never its tokens.</summary>
[GenerateSerializer, Immutable, Alias("Hapta.Sessions.SessionView")]
public sealed record SessionView
{
    /// <summary>The silo hosting the session's activation.</summary>
    [Id(0)]
    public required string Silo { get; init; }

    /// <summary>False for a session that was never started or has ended.</summary>
    [Id(1)]
    public bool Live { get; init; }

    [Id(2)]
    public string? UserId { get; init; }

    [Id(3)]
    public string? CollectionId { get; init; }

    [Id(4)]
    public long Generation { get; init; }

    [Id(5)]
    public DateTimeOffset CreatedAt { get; init; }

    [Id(6)]
    public DateTimeOffset LastSeenAt { get; init; }
}
