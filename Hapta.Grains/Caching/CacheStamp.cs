namespace Hapta.Caching;

/// <summary>
/// How current a cache entry is: the version of the data it was read from, taken when its fetch started.
/// <see cref="Data"/> is the collection's list version (lists) or the record's version (views);
/// <see cref="Global"/> is the cluster's version of all data, for entries that may depend on any collection
/// (0 for the others); <see cref="Rule"/> is the collection rule the scope was decided under, so that a rule
/// change makes every entry decided under the old one unusable.
/// </summary>
[GenerateSerializer, Immutable, Alias("Hapta.Caching.CacheStamp")]
public readonly record struct CacheStamp
{
    [Id(0)]
    public long Data { get; init; }

    [Id(1)]
    public long Global { get; init; }

    [Id(2)]
    public string Rule { get; init; }

    /// <summary>
    /// Whether an entry with this stamp may answer a request that needs <paramref name="needed"/>: it was read
    /// no earlier than every change the request's silo knows of, under the same rule.
    /// </summary>
    public bool Covers(CacheStamp needed) =>
        Data >= needed.Data && Global >= needed.Global && string.Equals(Rule, needed.Rule, StringComparison.Ordinal);
}
