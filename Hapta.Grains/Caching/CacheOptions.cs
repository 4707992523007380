using System.ComponentModel.DataAnnotations;

namespace Hapta.Caching;

/// <summary>The read cache (DESIGN §6), section <c>Hapta:Cache</c>. Limits are per silo.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Hapta:Cache";

    /// <summary>Whether reads are cached at all. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long an entry is served when nothing invalidates it: a safety net under the change feed, not the
    /// way entries normally end. Default 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Each entry's lifetime is shortened by a random share up to this, so that entries filled together do not
    /// all expire together. Default 0.1.
    /// </summary>
    [Range(0.0, 0.5)]
    public double TtlJitter { get; set; } = 0.1;

    /// <summary>
    /// The lifetime of entries while the change feed is down, when writes that bypass Hapta are not seen.
    /// Default 5 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan DegradedTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Per-collection lifetimes by collection name, overriding <see cref="Ttl"/>. Default none.</summary>
    public Dictionary<string, TimeSpan> CollectionTtl { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Most entries one silo keeps; the least recently used go first. Default 50,000.</summary>
    [Range(1, 10_000_000)]
    public int MaxEntries { get; set; } = 50_000;

    /// <summary>Most response bytes one silo keeps. Default 256 MiB.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>A larger answer is passed on but not kept. Default 1 MiB.</summary>
    [Range(1, int.MaxValue)]
    public int MaxEntryBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long a silo waits for every other silo to learn of a write before it answers the writer anyway.
    /// Default 2 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PropagationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The lifetime of <paramref name="collection"/>'s entries, before jitter.</summary>
    public TimeSpan TtlOf(string collection) =>
        CollectionTtl.TryGetValue(collection, out var ttl) ? ttl : Ttl;
}
