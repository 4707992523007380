namespace Hapta.Collections.Tests;

/// <summary>The catalog grain as a test sets it: <see cref="Current"/> is what both reads return.</summary>
internal sealed class FakeCatalogGrain : ICollectionCatalogGrain
{
    private int _refreshes;

    public CollectionCatalog Current { get; set; } = CollectionCatalog.Empty;

    /// <summary>How many times PocketBase would have been re-read.</summary>
    public int Refreshes => Volatile.Read(ref _refreshes);

    public Task<CollectionCatalog> GetAsync(CancellationToken cancellationToken) => Task.FromResult(Current);

    public Task<CollectionCatalog> RefreshAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _refreshes);
        return Task.FromResult(Current);
    }

    public Task<GrainPlacement> DescribeAsync() => throw new NotSupportedException();
}
