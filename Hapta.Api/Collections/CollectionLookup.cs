namespace Hapta.Collections;

/// <summary>
/// The answer of a collection lookup: found, not found, or unknown because no catalog could be loaded
/// from PocketBase yet (an outage, not a client error).
/// </summary>
public readonly record struct CollectionLookup(CollectionInfo? Collection, bool CatalogUnavailable = false)
{
    public static readonly CollectionLookup Unavailable = new(null, CatalogUnavailable: true);
}
