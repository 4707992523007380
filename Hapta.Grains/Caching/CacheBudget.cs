using Microsoft.Extensions.Options;

namespace Hapta.Caching;

/// <summary>
/// What the cache entries on this silo hold, against <see cref="CacheOptions.MaxEntries"/> and
/// <see cref="CacheOptions.MaxBytes"/>. Going over evicts the least recently used entries down to 90% of both
/// limits, so that eviction runs once per tenth of the budget rather than on every store. Also counts hits and
/// misses for the admin API.
/// </summary>
public sealed class CacheBudget(IOptions<CacheOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private long _bytes;
    private long _hits;
    private long _misses;

    /// <summary>
    /// Records that <paramref name="key"/> now holds <paramref name="bytes"/>; returns the keys to evict to stay
    /// within budget (never <paramref name="key"/> itself).
    /// </summary>
    public IReadOnlyList<string> Store(string key, int bytes)
    {
        var limits = options.Value;
        lock (_lock)
        {
            if (_slots.TryGetValue(key, out var slot))
            {
                _bytes -= slot.Bytes;
            }
            else
            {
                slot = new Slot();
                _slots[key] = slot;
            }

            slot.Bytes = bytes;
            slot.LastUsed = time.GetTimestamp();
            _bytes += bytes;
            if (_slots.Count <= limits.MaxEntries && _bytes <= limits.MaxBytes)
            {
                return [];
            }

            var entriesGoal = limits.MaxEntries * 9L / 10;
            var bytesGoal = limits.MaxBytes / 10 * 9;
            var victims = new List<string>();
            foreach (var (victim, held) in _slots.OrderBy(static s => s.Value.LastUsed).ToList())
            {
                if (_slots.Count <= entriesGoal && _bytes <= bytesGoal)
                {
                    break;
                }

                if (victim != key)
                {
                    _slots.Remove(victim);
                    _bytes -= held.Bytes;
                    victims.Add(victim);
                }
            }

            return victims;
        }
    }

    /// <summary>Counts a hit on <paramref name="key"/> and marks it recently used.</summary>
    public void Hit(string key)
    {
        Interlocked.Increment(ref _hits);
        lock (_lock)
        {
            if (_slots.TryGetValue(key, out var slot))
            {
                slot.Hits++;
                slot.LastUsed = time.GetTimestamp();
            }
        }
    }

    /// <summary>Counts a read that had to ask PocketBase.</summary>
    public void Miss() => Interlocked.Increment(ref _misses);

    /// <summary>Releases what <paramref name="key"/> held (its entry was dropped or deactivated).</summary>
    public void Forget(string key)
    {
        lock (_lock)
        {
            if (_slots.Remove(key, out var slot))
            {
                _bytes -= slot.Bytes;
            }
        }
    }

    /// <summary>Totals, and the <paramref name="top"/> keys with the most hits.</summary>
    public CacheReport Describe(int top)
    {
        lock (_lock)
        {
            return new CacheReport
            {
                Entries = _slots.Count,
                Bytes = _bytes,
                Hits = Interlocked.Read(ref _hits),
                Misses = Interlocked.Read(ref _misses),
                HotKeys =
                [
                    .. _slots
                        .OrderByDescending(static s => s.Value.Hits)
                        .ThenBy(static s => s.Key, StringComparer.Ordinal)
                        .Take(top)
                        .Select(static s => new CacheKeyReport
                        {
                            Key = s.Key,
                            Hits = s.Value.Hits,
                            Bytes = s.Value.Bytes,
                        }),
                ],
            };
        }
    }

    private sealed class Slot
    {
        public int Bytes { get; set; }

        public long Hits { get; set; }

        public long LastUsed { get; set; }
    }
}
