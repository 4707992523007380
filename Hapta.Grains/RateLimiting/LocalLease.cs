namespace Hapta.RateLimiting;

/// <summary>
/// One bucket's lease on this silo. Not thread-safe: <see cref="PermitLeases"/> locks the instance around
/// every use. Times are ticks of the owner's monotonic clock.
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

    public Task? Pending { get; set; }

    public bool TrySpend(RatePolicy policy, long now, out RateDecision decision)
    {
        _lastUsed = now;
        if (_available > 0 && now < _expiresAt)
        {
            _available--;
            _spent++;
            decision = new RateDecision(
                policy, true, _remainingAtGrant + _available, TimeSpan.FromTicks(Math.Max(0, _fullAt - now)),
                TimeSpan.Zero);
            return true;
        }

        if (now < _openUntil)
        {
            decision = new RateDecision(policy, true, 0, TimeSpan.Zero, TimeSpan.Zero);
            return true;
        }

        if (now < _refusedUntil)
        {
            var retry = TimeSpan.FromTicks(Math.Max(_permitAt - now, 1));
            decision = new RateDecision(
                policy, false, 0, TimeSpan.FromTicks(Math.Max(0, _fullAt - now)), retry);
            return true;
        }

        decision = default;
        return false;
    }

    /// <summary>Ends the current lease; returns its unspent permits, to be given back to the bucket.</summary>
    public int Release()
    {
        var unspent = _available;
        _available = 0;
        _expiresAt = 0;
        return unspent;
    }

    /// <summary>How many permits to ask for: twice what was spent per lease lifetime last time.</summary>
    public int NextWant(RateRule rule, long now)
    {
        if (_leaseStart < 0 || _spent == 0)
        {
            return 1;
        }

        var elapsed = Math.Max(now - _leaseStart, TimeSpan.TicksPerMillisecond);
        var perLifetime = (double)_spent * rule.LeaseLifetime.Ticks / elapsed;
        return (int)Math.Clamp(Math.Ceiling(perLifetime * 2), 1, rule.LeaseCap);
    }

    /// <summary>
    /// Takes a grant. Returns <see langword="false"/> when it came so late that it lapsed on arrival (the grain
    /// took longer than the lease lifetime plus half the write-off margin), which the caller treats as a failure.
    /// </summary>
    public bool Accept(RateRule rule, PermitGrant grant, long askedAt, long now, long maxRefusalTicks)
    {
        _available = grant.Granted;
        _spent = 0;
        _leaseStart = now;
        _remainingAtGrant = grant.Remaining;
        _fullAt = now + grant.FullIn.Ticks;

        // Measured from before the request left, so that the lease lapses here before the bucket writes it off;
        // a grant that arrived late keeps a lifetime of its own, within half the write-off margin.
        var lifetime = rule.LeaseLifetime.Ticks;
        var latest = askedAt + lifetime + (PermitBucket.WriteOffMargin.Ticks / 2);
        _expiresAt = Math.Min(Math.Max(askedAt + lifetime, now + lifetime), latest);
        if (grant.Granted == 0)
        {
            _permitAt = now + grant.RetryAfter.Ticks;
            _refusedUntil = now + Math.Min(grant.RetryAfter.Ticks, maxRefusalTicks);
            return true;
        }

        _refusedUntil = 0;
        if (now < _expiresAt)
        {
            return true;
        }

        _available = 0;
        return false;
    }

    public void OpenUntil(long until) => _openUntil = until;

    public bool IsIdle(long now, long idleTicks) =>
        Pending is null && now - _lastUsed >= idleTicks && now >= _refusedUntil && now >= _openUntil;
}
