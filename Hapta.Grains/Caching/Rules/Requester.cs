namespace Hapta.Caching.Rules;

/// <summary>
/// A requester as a record rule sees it: the <c>@request.auth.id</c>, <c>.collectionId</c> and
/// <c>.collectionName</c> of PocketBase. A guest has <see cref="Id"/> <see langword="null"/> (an empty id counts as
/// a guest too); an admin never reaches a rule, since PocketBase lets admins past every rule.
/// </summary>
public sealed record Requester(string? Id, string? CollectionId, string? CollectionName)
{
    /// <summary>The requester without a token.</summary>
    public static Requester Guest { get; } = new(null, null, null);

    internal bool IsGuest => string.IsNullOrEmpty(Id);
}
