namespace Hapta.Caching;

/// <summary>
/// One cache entry, keyed by its readable key (<see cref="CachePlan.Key"/>). The grain is not reentrant, so
/// concurrent misses on one key wait for the first one's PocketBase read and share it.
/// </summary>
[Alias("Hapta.Caching.ICacheGrain")]
public interface ICacheGrain : IGrainWithStringKey
{
    /// <summary>
    /// The entry when it covers <see cref="CacheFetch.Stamp"/> and has not expired; otherwise reads PocketBase as
    /// <paramref name="fetch"/> says, keeps the answer when it may, and returns it.
    /// </summary>
    [Alias("GetAsync")]
    Task<CachedResponse> GetAsync(CacheFetch fetch, CancellationToken cancellationToken);

    /// <summary>Forgets the entry (purge by key, or eviction).</summary>
    [Alias("DropAsync")]
    Task DropAsync();
}
