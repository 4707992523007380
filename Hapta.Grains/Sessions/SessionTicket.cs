namespace Hapta.Sessions;

/// <summary>What a Hapta token says: whose session, which generation, until when. Carries no secret.</summary>
[GenerateSerializer, Immutable, Alias("Hapta.Sessions.SessionTicket")]
public sealed record SessionTicket
{
    [Id(0)]
    public required string SessionId { get; init; }

    [Id(1)]
    public required string UserId { get; init; }

    [Id(2)]
    public required string CollectionId { get; init; }

    [Id(3)]
    public long Generation { get; init; }

    [Id(4)]
    public DateTimeOffset ExpiresAt { get; init; }
}
