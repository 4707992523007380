namespace Hapta.Caching;

/// <summary>One cache key with its hits since it was stored.</summary>
[GenerateSerializer, Immutable, Alias("Hapta.Caching.CacheKeyReport")]
public sealed record CacheKeyReport
{
    [Id(0)]
    public required string Key { get; init; }

    [Id(1)]
    public required long Hits { get; init; }

    [Id(2)]
    public required int Bytes { get; init; }
}
