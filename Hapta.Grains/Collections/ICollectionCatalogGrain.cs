namespace Hapta.Collections;

/// <summary>
/// The cluster's one view of PocketBase's collections, read with the admin token. Silos ask it for a
/// snapshot every few seconds and keep it locally, so no request pays a grain call for the schema.
/// Key: always 0.
/// </summary>
[Alias("Hapta.Collections.ICollectionCatalogGrain")]
public interface ICollectionCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The current snapshot, re-read from PocketBase first when it is older than the configured maximum age.
    /// Returns the last good snapshot (possibly <see cref="CollectionCatalog.Empty"/>) when PocketBase is down.
    /// </summary>
    [Alias("GetAsync")]
    Task<CollectionCatalog> GetAsync(CancellationToken cancellationToken);

    /// <summary>Re-reads the collections from PocketBase now.</summary>
    [Alias("RefreshAsync")]
    Task<CollectionCatalog> RefreshAsync(CancellationToken cancellationToken);

    /// <summary>Where this activation lives.</summary>
    [Alias("DescribeAsync")]
    Task<GrainPlacement> DescribeAsync();
}
