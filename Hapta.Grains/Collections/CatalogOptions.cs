using System.ComponentModel.DataAnnotations;

namespace Hapta.Collections;

/// <summary>How fresh the collection catalog is kept. Bound from <c>Hapta:Catalog</c>.</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Hapta:Catalog";

    /// <summary>
    /// Age after which a snapshot is re-read from PocketBase (by the catalog grain) or re-fetched from the
    /// grain (by each silo). A collection created in PocketBase becomes reachable within about twice this.
    /// Default 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00",
        ErrorMessage = "Hapta:Catalog:MaxAge must be between 100 ms and 1 hour.")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a request that names a collection or field a silo's copy lacks may make that silo re-read
    /// PocketBase's collections at once, so that one just created works at once while a client naming nonsense
    /// cannot make Hapta hammer PocketBase. Default 1 s; 0 re-reads for every such request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00",
        ErrorMessage = "Hapta:Catalog:RecheckInterval must be between 0 and 1 hour.")]
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
