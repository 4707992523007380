using System.Collections.Immutable;
using Hapta.PocketBase;

namespace Hapta.Caching;

/// <summary>A PocketBase answer as the cache keeps it: the response, its entity tag and its stamp.</summary>
[GenerateSerializer, Immutable, Alias("Hapta.Caching.CachedResponse")]
public sealed record CachedResponse
{
    [Id(0)]
    public required UpstreamResponse Response { get; init; }

    /// <summary>
    /// A strong entity tag of the body, quoted, e.g. <c>"q1w2e3r4t5y6u7i8"</c>; empty when not stored.
    /// </summary>
    [Id(1)]
    public required string ETag { get; init; }

    [Id(2)]
    public required CacheStamp Stamp { get; init; }

    /// <summary>When the entry stops being served even if nothing changed (TTL with jitter).</summary>
    [Id(3)]
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Whether the answer may be kept: a 200, or a 404 of a view (the record is missing or hidden).</summary>
    [Id(4)]
    public required bool Storable { get; init; }

    /// <summary>Whether this answer came from the entry (<see langword="true"/>) or from PocketBase just now.</summary>
    [Id(5)]
    public bool Hit { get; init; }

    /// <summary>For a list read with <see cref="CacheFetch.TrackItems"/>: the ids of the records it holds.</summary>
    [Id(6)]
    public ImmutableArray<string> Items { get; init; }

    /// <summary>
    /// The newest change the entry's silo knew when the read started; changes to its items after it end it.
    /// </summary>
    [Id(7)]
    public long ItemsAsOf { get; init; }
}
