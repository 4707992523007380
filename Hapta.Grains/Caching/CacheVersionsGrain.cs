using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Hapta.Caching;

/// <summary>
/// Numbers data changes for the whole cluster and hands them to every silo (DESIGN §6, invalidation).
/// </summary>
/// <remarks>
/// <para>
/// Why a sequence and not messages to cache entries: an entry is stamped with the versions its silo knew when its
/// fetch started (<see cref="CacheStamp"/>), and a read needs the versions its own silo knows now. Invalidating
/// every list of a collection is then one number going up, never a scan of keys, and a cached read asks no grain
/// but its entry, because each silo holds the versions locally (<see cref="CacheVersions"/>).
/// </para>
/// <para>
/// Read-your-writes across silos: a write through Hapta is acknowledged only after every live silo has polled
/// past its number (<see cref="PublishAsync"/> with <c>waitForSilos</c>); a poll waiting here wakes at once, so
/// that costs two messages per silo. A silo that does not poll within the propagation timeout is presumed dead
/// and the writer is answered anyway.
/// </para>
/// <para>
/// Nothing here is persisted. A new activation starts its numbers from the clock (milliseconds × 1,000, above any
/// earlier activation's) and under a new incarnation, and every silo that sees the new incarnation treats all it
/// cached as stale: losing this grain costs hits, never correctness.
/// </para>
/// </remarks>
[Reentrant]
internal sealed partial class CacheVersionsGrain(
    IOptions<CacheOptions> options,
    TimeProvider time,
    ILogger<CacheVersionsGrain> logger) : Grain, ICacheVersionsGrain
{
    /// <summary>How many changes are kept for silos that fell behind; one further back gets a reset.</summary>
    internal const int LogCapacity = 20_000;

    /// <summary>A silo that has not polled for this long is not waited for.</summary>
    internal static readonly TimeSpan SiloSilence = TimeSpan.FromSeconds(15);

    /// <summary>A feed lease not renewed for this long passes to another silo.</summary>
    internal static readonly TimeSpan FeedLease = TimeSpan.FromSeconds(10);

    private readonly Queue<SequencedChange> _log = new();
    private readonly Dictionary<(string, string?), string?> _lastFingerprint = [];
    private readonly Dictionary<string, SiloProgress> _silos = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = NewSignal();
    private TaskCompletionSource _acked = NewSignal();
    private string _incarnation = "";
    private long _sequence;
    private long _oldestKept;
    private string? _feedHolder;
    private DateTimeOffset _feedLeaseEnds;
    private bool _feedConnected;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _incarnation = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        _sequence = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        _oldestKept = _sequence;
        return Task.CompletedTask;
    }

    public async Task<long> PublishAsync(
        ImmutableArray<ChangeNotice> notices,
        bool waitForSilos,
        CancellationToken cancellationToken)
    {
        var published = 0;
        foreach (var notice in notices)
        {
            var record = (notice.CollectionId, notice.RecordId);
            if (notice.FromFeed
                && notice.Fingerprint is not null
                && _lastFingerprint.TryGetValue(record, out var last)
                && string.Equals(last, notice.Fingerprint, StringComparison.Ordinal))
            {
                continue;
            }

            _lastFingerprint[record] = notice.Fingerprint;
            _log.Enqueue(new SequencedChange { Sequence = ++_sequence, Notice = notice });
            published++;
        }

        while (_log.Count > LogCapacity)
        {
            var dropped = _log.Dequeue();
            _oldestKept = dropped.Sequence;
            _lastFingerprint.Remove((dropped.Notice.CollectionId, dropped.Notice.RecordId));
        }

        if (published > 0)
        {
            Signal(ref _changed);
        }

        var target = _sequence;
        if (waitForSilos)
        {
            await WaitForSilosAsync(target, cancellationToken);
        }

        return target;
    }

    public async Task<VersionDelta> PollAsync(
        string silo,
        string? incarnation,
        long applied,
        TimeSpan wait,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = string.Equals(incarnation, _incarnation, StringComparison.Ordinal);
        _silos[silo] = new SiloProgress(current ? applied : 0, now);
        Signal(ref _acked);
        if (!current || applied < _oldestKept)
        {
            return Delta(reset: true, after: _sequence);
        }

        if (applied >= _sequence && wait > TimeSpan.Zero)
        {
            var changed = _changed.Task;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(wait, time, timeout.Token);
            await Task.WhenAny(changed, delay);
            await timeout.CancelAsync();
            _silos[silo] = _silos[silo] with { LastPoll = time.GetUtcNow() };
        }

        return Delta(reset: false, after: applied);
    }

    public Task<bool> HoldFeedAsync(string silo, bool connected, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_feedHolder is not null && _feedHolder != silo && now < _feedLeaseEnds)
        {
            return Task.FromResult(false);
        }

        if (_feedHolder != silo)
        {
            logger.FeedLeaseTaken(silo);
        }

        _feedHolder = silo;
        _feedLeaseEnds = now + FeedLease;
        if (_feedConnected != connected)
        {
            _feedConnected = connected;
            Signal(ref _changed);
        }

        return Task.FromResult(true);
    }

    private VersionDelta Delta(bool reset, long after) => new()
    {
        Incarnation = _incarnation,
        Sequence = _sequence,
        Reset = reset,
        Changes = reset ? [] : [.. _log.Where(c => c.Sequence > after)],
        FeedConnected = _feedConnected && time.GetUtcNow() < _feedLeaseEnds,
    };

    private async Task WaitForSilosAsync(long target, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.Value.PropagationTimeout;

        // A cancelled caller stops waiting: its delay would end at once, and the loop would spin the activation.
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var behind = _silos
                .Where(s => s.Value.Applied < target && now - s.Value.LastPoll < SiloSilence)
                .Select(s => s.Key)
                .ToList();
            if (behind.Count == 0)
            {
                return;
            }

            if (now >= deadline)
            {
                logger.PropagationTimedOut(target, string.Join(", ", behind));
                return;
            }

            var acked = _acked.Task;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(acked, Task.Delay(deadline - now, time, timeout.Token));
            await timeout.CancelAsync();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void Signal(ref TaskCompletionSource signal)
    {
        var fired = signal;
        signal = NewSignal();
        fired.TrySetResult();
    }

    private readonly record struct SiloProgress(long Applied, DateTimeOffset LastPoll);
}
