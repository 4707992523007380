namespace Hapta.Realtime;

/// <summary>
/// Who set a realtime client's subscriptions: a session (with its user and that user's PocketBase token, which
/// stays inside the gateway) or a guest (all <see langword="null"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Hapta.Realtime.RealtimeOwner")]
public sealed record RealtimeOwner
{
    public static readonly RealtimeOwner Guest = new();

    [Id(0)]
    public string? SessionId { get; init; }

    [Id(1)]
    public string? UserId { get; init; }

    [Id(2)]
    public string? CollectionId { get; init; }

    [Id(3)]
    public string? PocketBaseToken { get; init; }

    public bool IsGuest => SessionId is null;
}
