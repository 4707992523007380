using Hapta.Bench.PocketBase;

namespace Hapta.Bench.Running;

/// <summary>
/// W8: subscribers on two silos, each to receive every create event of a burst of writes made in PocketBase.
/// </summary>
internal sealed record RealtimeRecord
{
    public required int Silos { get; init; }

    /// <summary>Subscribers asked for: streams opened on each silo, times the silos.</summary>
    public required int Subscribers { get; init; }

    /// <summary>Subscribers whose stream answered PB_CONNECT and whose subscription was answered 204.</summary>
    public required int Connected { get; init; }

    /// <summary>Why the others failed, and how many each.</summary>
    public required IReadOnlyDictionary<string, long> Failures { get; init; }

    public required double ConnectSeconds { get; init; }

    /// <summary>Posts created in PocketBase during the burst (acknowledged with 200).</summary>
    public required int Writes { get; init; }

    public required double BurstSeconds { get; init; }

    public required double WriteP50Ms { get; init; }

    public required double WriteMaxMs { get; init; }

    /// <summary>Every subscriber asked for times every write: what a loss-free fan-out delivers.</summary>
    public long Expected => (long)Subscribers * Writes;

    /// <summary>Create events of the burst's posts read by a subscriber, each counted once per subscriber.</summary>
    public required long Received { get; init; }

    public long Missing => Expected - Received;

    /// <summary>Create events read a second time by the same subscriber.</summary>
    public required long Duplicates { get; init; }

    /// <summary>Streams that ended before the driver closed them.</summary>
    public required long Dropped { get; init; }

    /// <summary>How long the driver waits for stragglers after the last write was acknowledged.</summary>
    public required TimeSpan StragglerWait { get; init; }

    /// <summary>From the last acknowledged write until every event was read, or the straggler wait ran out.</summary>
    public required double WaitSeconds { get; init; }

    public required double LatencyP50Ms { get; init; }

    public required double LatencyP90Ms { get; init; }

    public required double LatencyP99Ms { get; init; }

    public required double LatencyMaxMs { get; init; }

    /// <summary>Read before the driver had its write's acknowledgement (the frame beat the HTTP answer).</summary>
    public required long ReadBeforeAcknowledged { get; init; }

    /// <summary>From the first stream opened to the last closed.</summary>
    public required double Seconds { get; init; }

    /// <summary>Each silo, then PocketBase, over <see cref="Seconds"/>.</summary>
    public required IReadOnlyList<ProcessUsage> Usage { get; init; }

    /// <summary>
    /// TCP connections PocketBase held, of every kind (the silos' pools, the change feed, the driver's writes):
    /// the larger of two samples, once every subscriber was in and after the burst.
    /// </summary>
    public required int PocketBaseConnections { get; init; }

    /// <summary>From the cluster's start until its silos stopped: PocketBase logs a stream when it ends.</summary>
    public required LogWindow Window { get; init; }

    /// <summary>
    /// Filled in once the load is over: requests to <c>/api/realtime</c> PocketBase logged. PocketBase 0.22 logs
    /// only the subscription requests (POST), never the streams (GET), so this counts subscription sets.
    /// </summary>
    public RequestLogCount? ReachedPocketBase { get; init; }
}
