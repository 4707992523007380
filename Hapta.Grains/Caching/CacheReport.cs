using System.Collections.Immutable;

namespace Hapta.Caching;

/// <summary>What one silo's cache holds, for the admin API.</summary>
[GenerateSerializer, Immutable, Alias("Hapta.Caching.CacheReport")]
public sealed record CacheReport
{
    [Id(0)]
    public required long Entries { get; init; }

    [Id(1)]
    public required long Bytes { get; init; }

    [Id(2)]
    public required long Hits { get; init; }

    /// <summary>Reads that asked PocketBase (a key's first read, or after an invalidation or expiry).</summary>
    [Id(3)]
    public required long Misses { get; init; }

    /// <summary><see cref="Hits"/> over all reads, 0 before the first.</summary>
    public double HitRatio => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);

    [Id(4)]
    public required ImmutableArray<CacheKeyReport> HotKeys { get; init; }
}
