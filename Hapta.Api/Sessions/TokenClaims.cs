namespace Hapta.Sessions;

/// <summary>What a verified Hapta token says.</summary>
public sealed record TokenClaims(
    string UserId,
    string CollectionId,
    string SessionId,
    long Generation,
    DateTimeOffset ExpiresAt);
