namespace Hapta.Sessions;

/// <summary>
/// What a session grain persists. The PocketBase token lives here and nowhere else; it is never returned
/// to a client and never logged.
/// </summary>
[GenerateSerializer, Alias("Hapta.Sessions.SessionState")]
public sealed class SessionState
{
    [Id(0)]
    public string UserId { get; set; } = "";

    [Id(1)]
    public string CollectionId { get; set; } = "";

    [Id(2)]
    public string CollectionName { get; set; } = "";

    [Id(3)]
    public string PocketBaseToken { get; set; } = "";

    [Id(4)]
    public DateTimeOffset PocketBaseTokenExpiresAt { get; set; }

    /// <summary>The generation whose token is current; 0 for a session that was never started.</summary>
    [Id(5)]
    public long Generation { get; set; }

    /// <summary>Expiry written into the current generation's token, so that it can be issued again identically.</summary>
    [Id(6)]
    public DateTimeOffset CurrentExpiresAt { get; set; }

    /// <summary>When the previous generation was retired (the last rotation).</summary>
    [Id(7)]
    public DateTimeOffset PreviousRetiredAt { get; set; }

    [Id(8)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(9)]
    public DateTimeOffset LastSeenAt { get; set; }

    [Id(10)]
    public string? ClientIp { get; set; }
}
