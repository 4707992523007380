using System.Collections.Immutable;
using Hapta.PocketBase;

namespace Hapta.Caching;

/// <summary>
/// How one read is cached: its key, the scope that shares it, the canonical query sent to PocketBase, and what
/// it depends on. Made by <see cref="CachePlanner"/>.
/// </summary>
public sealed record CachePlan
{
    /// <summary>The readable key, e.g. <c>posts/list/public?page=1&amp;perPage=20&amp;sort=-created</c>.</summary>
    public required string Key { get; init; }

    /// <summary>
    /// <c>public</c>, <c>shared</c> (a view whose visibility Hapta decides), <c>guest</c> or <c>u:…</c>.
    /// </summary>
    public required string Scope { get; init; }

    public required string CollectionId { get; init; }

    public required string Collection { get; init; }

    public required CacheOperation Operation { get; init; }

    public string? RecordId { get; init; }

    public required RecordQuery Query { get; init; }

    /// <summary>The rule the scope was decided under; part of every stamp.</summary>
    public required string Rule { get; init; }

    /// <summary>True when the answer may change with data of any collection (relations, expand, views).</summary>
    public required bool DependsOnAll { get; init; }

    /// <summary>
    /// For a list, the names its rule, filter and sort refer to: an update that sets none of them cannot change which
    /// records the list holds. Default (not set) when that cannot be told (relations, other collections).
    /// </summary>
    public ImmutableArray<string> ListFields { get; init; }

    /// <summary>True for a shared view: fetched with the admin token, its visibility decided per request.</summary>
    public bool Shared => Scope == CacheScopes.Shared;
}
