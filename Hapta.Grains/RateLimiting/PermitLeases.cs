using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hapta.RateLimiting;

/// <summary>
/// This silo's side of rate limiting: the leases of permits it holds, one per bucket it has seen lately. A
/// request spends a permit from the local lease when there is one (no grain call, no allocation, no lock); when the
/// lease is spent or has lapsed, the first request asks the bucket's grain for the next one and any others
/// arriving meanwhile wait for that same call. A bucket that refused is not asked again until a permit can have
/// returned (at most a second), so a flood against a refused partition costs no grain calls.
/// </summary>
/// <remarks>
/// How much to ask for: what this silo spent per unit of time on the last lease, for two lifetimes, capped by
/// the rule's lease cap (1% of the bucket). A quiet partition asks for one permit at a time, which it spends at
/// once, so small limits (a login limit of 20) are exact to the request with no permit ever held; a busy one
/// asks for more and calls its grain about once per lease. If the grain cannot be reached, or answers so late
/// that the lease has lapsed (a cluster in trouble), requests are let through for a second before it is tried
/// again, and a warning says so: rate limiting must not take the gateway down with it.
/// </remarks>
public sealed class PermitLeases : IDisposable
{
    private static readonly TimeSpan MaxLocalRefusal = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FailOpenPeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(30);
    private const int MaxRounds = 16;

    private readonly ConcurrentDictionary<(string Policy, string Partition), LocalLease> _leases = new();
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly ILogger<PermitLeases> _logger;
    private readonly long _origin;
    private readonly ITimer _sweeper;

    public PermitLeases(IGrainFactory grains, TimeProvider time, ILogger<PermitLeases> logger)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(time);
        _grains = grains;
        _time = time;
        _logger = logger;
        _origin = time.GetTimestamp();
        _sweeper = time.CreateTimer(static state => ((PermitLeases)state!).Sweep(), this, SweepPeriod, SweepPeriod);
    }

    /// <summary>Identifies this silo's leases to the buckets; unique per process.</summary>
    public string Holder { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Buckets this silo holds local state for.</summary>
    public int Count => _leases.Count;

    /// <summary>Spends one permit of <paramref name="policy"/>'s bucket for <paramref name="partition"/>.</summary>
    public ValueTask<RateDecision> AcquireAsync(
        RatePolicy policy,
        string partition,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var lease = _leases.GetOrAdd((policy.Name, partition), static _ => new LocalLease());
        if (lease.TrySpend(policy, Now(), out var spent))
        {
            return ValueTask.FromResult(spent);
        }

        Task? pending;
        lock (lease)
        {
            if (lease.TrySpend(policy, Now(), out var decision))
            {
                return ValueTask.FromResult(decision);
            }

            pending = StartRenewal(lease, policy, partition);
        }

        return AcquireCoreAsync(lease, policy, partition, pending, cancellationToken);
    }

    /// <summary>Drops this silo's state for a bucket (after an admin reset), so that it asks afresh.</summary>
    public void Forget(RatePolicy policy, string partition)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _leases.TryRemove((policy.Name, partition), out _);
    }

    public void Dispose() => _sweeper.Dispose();

    private async ValueTask<RateDecision> AcquireCoreAsync(
        LocalLease lease,
        RatePolicy policy,
        string partition,
        Task pending,
        CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (lease)
            {
                if (lease.TrySpend(policy, Now(), out var decision))
                {
                    return decision;
                }

                pending = StartRenewal(lease, policy, partition);
            }
        }

        // Others on this silo kept taking each fresh lease first; refuse rather than wait on.
        return new RateDecision(policy, false, 0, MaxLocalRefusal, MaxLocalRefusal);
    }

    /// <summary>The renewal in flight for this lease, started if there is none. Called under its lock.</summary>
    private Task StartRenewal(LocalLease lease, RatePolicy policy, string partition)
    {
        if (lease.Pending is { } inFlight)
        {
            return inFlight;
        }

        var now = Now();
        var returned = lease.Release();
        var wanted = lease.NextWant(policy.Rule, now);
        lease.Pending = RenewAsync(lease, policy, partition, returned, wanted, now);
        return lease.Pending;
    }

    private async Task RenewAsync(
        LocalLease lease,
        RatePolicy policy,
        string partition,
        int returned,
        int wanted,
        long askedAt)
    {
        // Off the caller's lock and scheduler (a grain's, when the global limit is taken from inside one).
        await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        PermitGrant? grant = null;
        try
        {
            grant = await _grains.GetGrain<IRateLimitGrain>(policy.GrainKey(partition))
                .TakeAsync(policy.Rule, Holder, returned, wanted)
                .ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Whatever went wrong (no caller's token reaches this call, so a cancellation is not a caller's), the
            // lease must not stay pending: every request of the partition on this silo waits on it.
            _logger.BucketUnreachable(policy.Name, ex.GetType().Name);
        }

        lock (lease)
        {
            var now = Now();
            if (grant is null)
            {
                lease.OpenUntil(now + FailOpenPeriod.Ticks);
            }
            else if (!lease.Accept(policy.Rule, grant, askedAt, now, MaxLocalRefusal.Ticks))
            {
                _logger.BucketSlow(policy.Name, TimeSpan.FromTicks(now - askedAt).TotalMilliseconds);
                lease.OpenUntil(now + FailOpenPeriod.Ticks);
            }

            lease.Pending = null;
        }
    }

    private void Sweep()
    {
        var now = Now();
        foreach (var (key, lease) in _leases)
        {
            bool idle;
            lock (lease)
            {
                idle = lease.IsIdle(now, SweepPeriod.Ticks);
            }

            if (idle)
            {
                _leases.TryRemove(new KeyValuePair<(string, string), LocalLease>(key, lease));
            }
        }
    }

    private long Now() => _time.GetElapsedTime(_origin).Ticks;
}
