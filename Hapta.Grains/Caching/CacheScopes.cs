namespace Hapta.Caching;

/// <summary>The names of cache scopes as they appear in keys.</summary>
public static class CacheScopes
{
    /// <summary>Everyone gets the same answer (a rule of <c>""</c>, nothing requester-dependent).</summary>
    public const string Public = "public";

    /// <summary>One record view for every viewer; whether a viewer may see it is decided per request.</summary>
    public const string Shared = "shared";

    /// <summary>Every guest gets the same answer under a rule that depends on the requester.</summary>
    public const string Guest = "guest";

    /// <summary>The scope of one user: <c>u:&lt;collectionId&gt;:&lt;userId&gt;</c>.</summary>
    public static string User(string collectionId, string userId) => $"u:{collectionId}:{userId}";
}
