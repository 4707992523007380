using System.Collections.Concurrent;

namespace Hapta.Caching;

/// <summary>
/// A near cache on each silo in front of the entry grains: a hot key is answered without a grain call, and its
/// grain is asked at most once per <see cref="Lifetime"/> per silo.
/// </summary>
/// <remarks>
/// A copy answers under exactly the checks its grain would make (lifetime, the stamp this silo needs, the records a
/// list holds), against this silo's own versions, which a write acknowledged anywhere has already reached; so a copy
/// is never staler than the grain. What it may miss for up to <see cref="Lifetime"/> is an admin's purge of one key
/// on another silo. Bounded by <see cref="MaxEntries"/> and <see cref="MaxBytes"/>: past either, every copy goes.
/// </remarks>
internal sealed class LocalCopies(CacheVersions versions, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    public const int MaxEntries = 10_000;

    public const long MaxBytes = 64L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, LocalCopy> _copies = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>
    /// The copy of <paramref name="key"/> if it may answer a request that needs <paramref name="needed"/>.
    /// </summary>
    public LocalCopy? Find(string key, CacheStamp needed, string collectionId, bool trackItems)
    {
        if (!_copies.TryGetValue(key, out var copy))
        {
            return null;
        }

        var entry = copy.Entry;
        return time.GetTimestamp() < copy.Until
            && time.GetUtcNow() < entry.ExpiresAt
            && entry.Stamp.Covers(needed)
            && (!trackItems || versions.Unchanged(collectionId, entry.Items, entry.ItemsAsOf))
            ? copy
            : null;
    }

    /// <summary>Keeps what the grain of <paramref name="key"/> answered, when the grain kept it too.</summary>
    public void Keep(string key, CachedResponse entry)
    {
        if (!entry.Storable)
        {
            return;
        }

        if (_copies.Count >= MaxEntries || Interlocked.Read(ref _bytes) > MaxBytes)
        {
            _copies.Clear();
            Interlocked.Exchange(ref _bytes, 0);
        }

        var until = time.GetTimestamp() + (long)(Lifetime.TotalSeconds * time.TimestampFrequency);
        _copies[key] = new LocalCopy(entry with { Hit = true }, until);
        Interlocked.Add(ref _bytes, entry.Response.Body.Length);
    }

    /// <summary>Drops the copy of <paramref name="key"/> (an admin purged it).</summary>
    public void Forget(string key) => _copies.TryRemove(key, out _);
}
