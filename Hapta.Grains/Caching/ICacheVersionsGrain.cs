using System.Collections.Immutable;

namespace Hapta.Caching;

/// <summary>
/// The cluster's one sequence of data changes (key 0). Writes through Hapta and the change feed publish here;
/// every silo long-polls it into its <see cref="CacheVersions"/>, so that a cached read asks no grain but its
/// cache entry. Also holds the lease that makes one silo of the cluster run the change feed.
/// </summary>
[Alias("Hapta.Caching.ICacheVersionsGrain")]
public interface ICacheVersionsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Numbers <paramref name="notices"/> and returns the newest number. With <paramref name="waitForSilos"/>,
    /// returns only once every live silo has applied it (or <see cref="CacheOptions.PropagationTimeout"/> passed),
    /// so that a write acknowledged afterwards is seen by reads on every silo.
    /// </summary>
    [Alias("PublishAsync")]
    Task<long> PublishAsync(
        ImmutableArray<ChangeNotice> notices,
        bool waitForSilos,
        CancellationToken cancellationToken);

    /// <summary>
    /// The changes after <paramref name="applied"/>, waiting up to <paramref name="wait"/> for one. The call itself
    /// tells the grain that <paramref name="silo"/> is alive and has applied <paramref name="applied"/>.
    /// </summary>
    [Alias("PollAsync")]
    Task<VersionDelta> PollAsync(
        string silo,
        string? incarnation,
        long applied,
        TimeSpan wait,
        CancellationToken cancellationToken);

    /// <summary>
    /// Takes or renews the change-feed lease for <paramref name="silo"/> and records whether its feed is
    /// connected; <see langword="false"/> when another live silo holds it.
    /// </summary>
    [Alias("HoldFeedAsync")]
    Task<bool> HoldFeedAsync(string silo, bool connected, CancellationToken cancellationToken);
}
