namespace Hapta.Sessions;

/// <summary>What a login hands to a new session grain.</summary>
[GenerateSerializer, Immutable, Alias("Hapta.Sessions.SessionStart")]
public sealed record SessionStart
{
    [Id(0)]
    public required string UserId { get; init; }

    [Id(1)]
    public required string CollectionId { get; init; }

    [Id(2)]
    public required string CollectionName { get; init; }

    [Id(3)]
    public required string PocketBaseToken { get; init; }

    [Id(4)]
    public string? ClientIp { get; init; }

    public override string ToString() => $"SessionStart {{ UserId = {UserId}, CollectionId = {CollectionId} }}";
}
