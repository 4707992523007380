using System.Collections.Immutable;
using System.Collections.Concurrent;

namespace Hapta.Caching;

/// <summary>
/// This silo's copy of the cluster's data versions (<see cref="ICacheVersionsGrain"/>): what a cache entry must
/// have been read after to answer a request here. Reads are lock-free; changes arrive from one poller and from
/// writes made through this silo.
/// </summary>
/// <remarks>
/// A list needs its collection's newest change; a view needs its record's; entries that may depend on any
/// collection also need the newest change anywhere (<see cref="CacheStamp.Global"/>). Floors stand for changes
/// too broad or too old to keep one by one: a whole collection purged, or everything. Record versions are
/// bounded: past <see cref="MaxRecords"/> they are folded into their collections' floors, which only makes
/// entries look older than they are.
/// </remarks>
public sealed class CacheVersions
{
    /// <summary>How many record versions are kept before they are folded into collection floors.</summary>
    public const int MaxRecords = 100_000;

    private readonly ConcurrentDictionary<string, long> _lists = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _floors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, string), long> _records = new();
    private readonly ConcurrentDictionary<string, FieldUpdates> _fieldUpdates = new(StringComparer.Ordinal);
    private readonly Lock _writing = new();
    private long _global;
    private long _floor;
    private long _applied;
    private volatile string? _incarnation;
    private volatile bool _feedConnected;

    /// <summary>The incarnation of the versions grain these numbers come from.</summary>
    public string? Incarnation => _incarnation;

    /// <summary>The newest sequence number applied here.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Whether writes that bypass Hapta are being seen; entries live shorter while they are not.</summary>
    public bool FeedConnected => _feedConnected;

    /// <summary>The newest change applied here, early ones from this silo's own writes included.</summary>
    public long Newest => Interlocked.Read(ref _global);

    /// <summary>The stamp an entry must cover to answer <paramref name="plan"/> on this silo now.</summary>
    /// <remarks>
    /// A list needs neither updates that kept its membership (their fields are outside
    /// <see cref="CachePlan.ListFields"/>) nor any record's own version: its cache grain checks the records it holds
    /// with <see cref="RecordVersion"/>.
    /// </remarks>
    public CacheStamp Needed(CachePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var floor = Math.Max(Interlocked.Read(ref _floor), _floors.GetValueOrDefault(plan.CollectionId));
        long data;
        if (plan.Operation == CacheOperation.List || plan.RecordId is null)
        {
            data = _lists.GetValueOrDefault(plan.CollectionId);
            if (_fieldUpdates.TryGetValue(plan.CollectionId, out var updates))
            {
                data = Math.Max(data, updates.NewestAffecting(plan.ListFields));
            }
        }
        else
        {
            data = _records.GetValueOrDefault((plan.CollectionId, plan.RecordId));
        }

        return new CacheStamp
        {
            Data = Math.Max(data, floor),
            Global = plan.DependsOnAll ? Math.Max(Interlocked.Read(ref _global), floor) : 0,
            Rule = plan.Rule,
        };
    }

    /// <summary>The newest change known here that touched one record, floors included.</summary>
    public long RecordVersion(string collectionId, string recordId)
    {
        var floor = Math.Max(Interlocked.Read(ref _floor), _floors.GetValueOrDefault(collectionId));
        return Math.Max(floor, _records.GetValueOrDefault((collectionId, recordId)));
    }

    /// <summary>
    /// Whether none of <paramref name="items"/> changed after <paramref name="asOf"/>, as far as this silo knows.
    /// </summary>
    public bool Unchanged(string collectionId, ImmutableArray<string> items, long asOf)
    {
        foreach (var id in items)
        {
            if (RecordVersion(collectionId, id) > asOf)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Applies what a poll returned.</summary>
    public void Apply(VersionDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        lock (_writing)
        {
            if (delta.Reset || !string.Equals(delta.Incarnation, _incarnation, StringComparison.Ordinal))
            {
                _lists.Clear();
                _floors.Clear();
                _records.Clear();
                _fieldUpdates.Clear();
                Raise(ref _floor, delta.Sequence);
                Raise(ref _global, delta.Sequence);
                _incarnation = delta.Incarnation;
                Interlocked.Exchange(ref _applied, 0);
            }

            foreach (var change in delta.Changes)
            {
                ApplyLocked(change.Sequence, change.Notice);
            }

            // Only a poll moves this: a change applied early by its writer may have come after others still on
            // their way here.
            Raise(ref _applied, delta.Sequence);
            _feedConnected = delta.FeedConnected;
        }
    }

    /// <summary>Applies one change published from this silo, ahead of the poll that will bring it too.</summary>
    public void Apply(long sequence, ChangeNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        lock (_writing)
        {
            ApplyLocked(sequence, notice);
        }
    }

    private void ApplyLocked(long sequence, ChangeNotice notice)
    {
        Raise(ref _global, sequence);
        if (notice.CollectionId == ChangeNotice.Everything)
        {
            Raise(ref _floor, sequence);
        }
        else if (notice.KeepsMembership)
        {
            Raise(_records, (notice.CollectionId, notice.RecordId!), sequence);
            _fieldUpdates[notice.CollectionId] = _fieldUpdates
                .GetValueOrDefault(notice.CollectionId, FieldUpdates.Empty)
                .Add(sequence, notice.Fields!.Value);
        }
        else
        {
            Raise(_lists, notice.CollectionId, sequence);
            if (notice.RecordId is null)
            {
                Raise(_floors, notice.CollectionId, sequence);
            }
            else
            {
                Raise(_records, (notice.CollectionId, notice.RecordId), sequence);
            }
        }

        if (_records.Count > MaxRecords)
        {
            // Every record version is at most its collection's newest change, so that is a safe floor.
            foreach (var (collection, version) in _lists)
            {
                Raise(_floors, collection, version);
            }

            foreach (var (collection, updates) in _fieldUpdates)
            {
                Raise(_floors, collection, updates.Newest);
            }

            _records.Clear();
        }

    }

    private static void Raise<TKey>(ConcurrentDictionary<TKey, long> versions, TKey key, long value)
        where TKey : notnull =>
        versions.AddOrUpdate(key, value, (_, old) => Math.Max(old, value));

    private static void Raise(ref long field, long value)
    {
        if (value > Interlocked.Read(ref field))
        {
            Interlocked.Exchange(ref field, value);
        }
    }
}
