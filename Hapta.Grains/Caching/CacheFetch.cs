using Hapta.PocketBase;

namespace Hapta.Caching;

/// <summary>
/// What a cache grain needs to answer a miss: which read to make, as whom, and how current the answer must be.
/// <see cref="Authorization"/> is the requester's PocketBase token for entries scoped to one user (never part of
/// the key, never logged); <see cref="AsAdmin"/> fetches with Hapta's admin token, for shared record views whose
/// visibility Hapta decides itself.
/// </summary>
[GenerateSerializer, Immutable, Alias("Hapta.Caching.CacheFetch")]
public sealed record CacheFetch
{
    [Id(0)]
    public required string Collection { get; init; }

    [Id(1)]
    public required CacheOperation Operation { get; init; }

    [Id(2)]
    public string? RecordId { get; init; }

    /// <summary>The canonical query (<see cref="CanonicalQuery"/>), sent to PocketBase as it is.</summary>
    [Id(3)]
    public required RecordQuery Query { get; init; }

    [Id(4)]
    public string? Authorization { get; init; }

    [Id(5)]
    public bool AsAdmin { get; init; }

    [Id(6)]
    public required CacheStamp Stamp { get; init; }

    /// <summary>
    /// For a list whose stamp leaves out updates that kept its membership: the entry must record which records it
    /// holds and be refreshed when one of them changes (see <see cref="CacheVersions.Needed"/>).
    /// </summary>
    [Id(7)]
    public bool TrackItems { get; init; }

    [Id(8)]
    public required string CollectionId { get; init; }
}
