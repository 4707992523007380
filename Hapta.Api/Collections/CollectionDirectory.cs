using System.Collections.Frozen;
using Hapta.Diagnostics;
using Hapta.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hapta.Collections;

/// <summary>
/// This silo's copy of the collection catalog, so that no request pays a grain call to learn whether a
/// collection exists. The first lookup waits for the catalog; after that, a lookup that finds the copy
/// older than <see cref="CatalogOptions.MaxAge"/> starts one background refresh and answers from the copy
/// (stale-while-revalidate). Names match case-insensitively, as in PocketBase; ids match exactly. Collections listed
/// in <see cref="ValidationOptions.HiddenCollections"/> are never found.
/// </summary>
internal sealed partial class CollectionDirectory(
    IGrainFactory grains,
    IOptions<CatalogOptions> options,
    IOptions<ValidationOptions> validation,
    TimeProvider time,
    ILogger<CollectionDirectory> logger)
{
    private readonly SemaphoreSlim _firstLoad = new(1, 1);
    private readonly FrozenSet<string> _hidden =
        validation.Value.HiddenCollections.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private volatile Snapshot? _snapshot;
    private int _refreshing;
    private long _lastRecheck = long.MinValue;

    /// <summary>
    /// The collection named or identified by <paramref name="nameOrId"/>, if PocketBase has it. A name the copy
    /// lacks is looked up again in a fresh read (see <see cref="RecheckAsync"/>).
    /// </summary>
    public ValueTask<CollectionLookup> FindAsync(string nameOrId, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is null)
        {
            return FindAfterFirstLoadAsync(nameOrId, cancellationToken);
        }

        if (time.GetUtcNow() - snapshot.TakenAt >= options.Value.MaxAge)
        {
            StartRefresh();
        }

        return snapshot.Find(nameOrId) is { } found
            ? ValueTask.FromResult(new CollectionLookup(found))
            : RecheckAsync(nameOrId, cancellationToken);
    }

    /// <summary>
    /// The lookup again after PocketBase's collections were re-read, for a request that names a collection or field
    /// the copy lacks: it may have been created a moment ago. At most once per
    /// <see cref="CatalogOptions.RecheckInterval"/> per silo, so a client naming nonsense cannot make Hapta hammer
    /// PocketBase; otherwise the copy answers.
    /// </summary>
    public async ValueTask<CollectionLookup> RecheckAsync(string nameOrId, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastRecheck);
        var due = last == long.MinValue || time.GetElapsedTime(last, now) >= options.Value.RecheckInterval;
        if (due && Interlocked.CompareExchange(ref _lastRecheck, now, last) == last)
        {
            try
            {
                Accept(await grains.GetGrain<ICollectionCatalogGrain>(0).RefreshAsync(cancellationToken));
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                LogRefreshFailed(logger, ex);
            }
        }

        var snapshot = _snapshot;
        return snapshot is null ? CollectionLookup.Unavailable : new CollectionLookup(snapshot.Find(nameOrId));
    }

    /// <summary>Loads the catalog now; used at start-up and by readiness.</summary>
    public async Task<CollectionCatalog> LoadAsync(CancellationToken cancellationToken)
    {
        var catalog = await grains.GetGrain<ICollectionCatalogGrain>(0).GetAsync(cancellationToken);
        Accept(catalog);
        return catalog;
    }

    private void Accept(CollectionCatalog catalog)
    {
        if (catalog.Version > 0)
        {
            var current = _snapshot;
            if (current is null || current.Version != catalog.Version)
            {
                _snapshot = new Snapshot(catalog, time.GetUtcNow(), _hidden);
            }
            else
            {
                _snapshot = current with { TakenAt = time.GetUtcNow() };
            }
        }
    }

    /// <summary>The collections of this silo's copy (hidden ones left out); empty before the first load.</summary>
    public IReadOnlyCollection<CollectionInfo> Collections => _snapshot?.All ?? [];

    /// <summary>True once a catalog was loaded from PocketBase.</summary>
    public bool IsLoaded => _snapshot is not null;

    private async ValueTask<CollectionLookup> FindAfterFirstLoadAsync(
        string nameOrId,
        CancellationToken cancellationToken)
    {
        await _firstLoad.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is null)
            {
                await LoadAsync(cancellationToken);
            }
        }
        finally
        {
            _firstLoad.Release();
        }

        var snapshot = _snapshot;
        return snapshot is null ? CollectionLookup.Unavailable : new CollectionLookup(snapshot.Find(nameOrId));
    }

    private void StartRefresh()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        _ = RefreshInBackgroundAsync();
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await LoadAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The copy stays in use; the next lookup past MaxAge tries again.
            LogRefreshFailed(logger, ex);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    [LoggerMessage(EventIds.CatalogUnavailable, LogLevel.Warning, "Could not refresh this silo's collection catalog")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    private sealed record Snapshot
    {
        private readonly FrozenDictionary<string, CollectionInfo> _byName;
        private readonly FrozenDictionary<string, CollectionInfo> _byId;

        public Snapshot(CollectionCatalog catalog, DateTimeOffset takenAt, FrozenSet<string> hidden)
        {
            Version = catalog.Version;
            TakenAt = takenAt;
            var shown = catalog.Collections.Where(c => !hidden.Contains(c.Name)).ToList();
            _byName = shown.ToFrozenDictionary(static c => c.Name, StringComparer.OrdinalIgnoreCase);
            _byId = shown.ToFrozenDictionary(static c => c.Id, StringComparer.Ordinal);
        }

        public long Version { get; }

        public IReadOnlyCollection<CollectionInfo> All => _byId.Values;

        public DateTimeOffset TakenAt { get; init; }

        public CollectionInfo? Find(string nameOrId) =>
            _byId.GetValueOrDefault(nameOrId) ?? _byName.GetValueOrDefault(nameOrId);
    }
}
