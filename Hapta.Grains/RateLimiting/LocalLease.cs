namespace Hapta.RateLimiting;

/// <summary>
/// One bucket's lease on this silo. <see cref="TrySpend"/> is safe without a lock, so that requests of a busy
/// partition spend their permits without queueing on one monitor (it takes one compare-and-swap); everything
/// else runs under <see cref="PermitLeases"/>'s lock of the instance. Times are ticks of the owner's monotonic
/// clock.
/// </summary>
internal sealed class LocalLease
{
    private int _available;
    private long _expiresAt;
    private long _refusedUntil;
    private long _permitAt;
    private long _openUntil;
    private long _remainingAtGrant;
    private long _fullAt;
    private long _leaseStart = -1;
    private int _spent;
    private long _lastUsed;

    /// <summary>The renewal in flight. Read and written under the lock only.</summary>
    public Task? Pending { get; set; }

    /// <summary>
    /// Spends a permit of the live lease, or answers from a standing refusal or failure, without a lock; false
    /// when the lease must be renewed. A spend that reads an older lease's expiry still takes a permit that
    /// exists (the newer lease lasts longer), and one that loses a race with <see cref="Release"/> finds none.
    /// </summary>
    public bool TrySpend(RatePolicy policy, long now, out RateDecision decision)
    {
        if (now - Volatile.Read(ref _lastUsed) >= TimeSpan.TicksPerSecond)
        {
            // Coarse on purpose: it only tells the sweep the lease is in use, and a write per request would
            // make every core fight over this cache line.
            Volatile.Write(ref _lastUsed, now);
        }

        if (now < Volatile.Read(ref _expiresAt))
        {
            var available = Volatile.Read(ref _available);
            while (available > 0)
            {
                var seen = Interlocked.CompareExchange(ref _available, available - 1, available);
                if (seen == available)
                {
                    Interlocked.Increment(ref _spent);
                    decision = new RateDecision(
                        policy, true, Volatile.Read(ref _remainingAtGrant) + available - 1, FullIn(now),
                        TimeSpan.Zero);
                    return true;
                }

                available = seen;
            }
        }

        if (now < Volatile.Read(ref _openUntil))
        {
            decision = new RateDecision(policy, true, 0, TimeSpan.Zero, TimeSpan.Zero);
            return true;
        }

        if (now < Volatile.Read(ref _refusedUntil))
        {
            var retry = TimeSpan.FromTicks(Math.Max(Volatile.Read(ref _permitAt) - now, 1));
            decision = new RateDecision(policy, false, 0, FullIn(now), retry);
            return true;
        }

        decision = default;
        return false;
    }

    /// <summary>Ends the current lease; returns its unspent permits, to be given back to the bucket.</summary>
    public int Release()
    {
        Volatile.Write(ref _expiresAt, 0);
        return Interlocked.Exchange(ref _available, 0);
    }

    /// <summary>How many permits to ask for: twice what was spent per lease lifetime last time.</summary>
    public int NextWant(RateRule rule, long now)
    {
        var spent = Volatile.Read(ref _spent);
        if (_leaseStart < 0 || spent == 0)
        {
            return 1;
        }

        var elapsed = Math.Max(now - _leaseStart, TimeSpan.TicksPerMillisecond);
        var perLifetime = (double)spent * rule.LeaseLifetime.Ticks / elapsed;
        return (int)Math.Clamp(Math.Ceiling(perLifetime * 2), 1, rule.LeaseCap);
    }

    /// <summary>
    /// Takes a grant. Returns <see langword="false"/> when it came so late that it lapsed on arrival (the grain
    /// took at least the lease lifetime plus half the write-off margin), which the caller treats as a failure.
    /// </summary>
    public bool Accept(RateRule rule, PermitGrant grant, long askedAt, long now, long maxRefusalTicks)
    {
        Interlocked.Exchange(ref _spent, 0);
        _leaseStart = now;
        Volatile.Write(ref _remainingAtGrant, grant.Remaining);
        Volatile.Write(ref _fullAt, now + grant.FullIn.Ticks);

        // Measured from before the request left, so that the lease lapses here before the bucket writes it off;
        // a grant that arrived late keeps a lifetime of its own, within half the write-off margin.
        var lifetime = rule.LeaseLifetime.Ticks;
        var latest = askedAt + lifetime + (PermitBucket.WriteOffMargin.Ticks / 2);
        var expiresAt = Math.Min(Math.Max(askedAt + lifetime, now + lifetime), latest);
        if (grant.Granted == 0)
        {
            Volatile.Write(ref _permitAt, now + grant.RetryAfter.Ticks);
            Volatile.Write(ref _refusedUntil, now + Math.Min(grant.RetryAfter.Ticks, maxRefusalTicks));
            return true;
        }

        Volatile.Write(ref _refusedUntil, 0);
        if (now >= expiresAt)
        {
            return false;
        }

        // The permits are published last, once the lease they belong to is in place.
        Volatile.Write(ref _expiresAt, expiresAt);
        Volatile.Write(ref _available, grant.Granted);
        return true;
    }

    public void OpenUntil(long until) => Volatile.Write(ref _openUntil, until);

    public bool IsIdle(long now, long idleTicks) =>
        Pending is null && now - Volatile.Read(ref _lastUsed) >= idleTicks && now >= Volatile.Read(ref _refusedUntil)
        && now >= Volatile.Read(ref _openUntil);

    private TimeSpan FullIn(long now) => TimeSpan.FromTicks(Math.Max(0, Volatile.Read(ref _fullAt) - now));
}
