namespace Hapta.RateLimiting;

/// <summary>
/// A token bucket whose permits may be out on lease to silos (see <see cref="RateLimitGrain"/> for the model).
/// The invariant that makes the limit exact: the units in the bucket plus the units of every live lease never
/// exceed the bucket's capacity. Refills stop at capacity less what is leased, a returned permit goes back in,
/// and a spent one is gone. A lease that was neither returned nor renewed is written off after its lifetime
/// plus a margin; the holder measures the lifetime from before it asked and stops spending within that margin,
/// so it never spends a permit the bucket has already written off.
/// </summary>
internal sealed class PermitBucket(long now)
{
    /// <summary>
    /// Added to a lease's lifetime before it is written off. A silo may spend a lease that reached it late for
    /// up to half of this (see <see cref="LocalLease"/>); the other half covers clock drift.
    /// </summary>
    internal static readonly TimeSpan WriteOffMargin = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    private long _units = -1;
    private long _at = now;

    public long Refusals { get; private set; }

    public long Granted { get; private set; }

    public PermitGrant Take(RateRule rule, string holder, int returned, int wanted, long now)
    {
        // Up to now the ending lease was out, and the bucket refilled only to capacity less it; then its unspent
        // permits come back.
        Refill(rule, now);
        if (_leases.Remove(holder, out var previous) && previous.WriteOffAt > now)
        {
            _units += Math.Clamp(returned, 0, previous.Count) * rule.PermitUnits;
        }

        var leased = Refill(rule, now);
        var grant = (int)Math.Min(Math.Min(Math.Max(wanted, 1), rule.LeaseCap), _units / rule.PermitUnits);
        if (grant > 0)
        {
            _units -= grant * rule.PermitUnits;
            Granted += grant;
            if (grant > 1 || wanted > 1)
            {
                _leases[holder] = new Lease(grant, now + (rule.LeaseLifetime + WriteOffMargin).Ticks);
            }

            return new PermitGrant
            {
                Granted = grant,
                Remaining = _units / rule.PermitUnits,
                FullIn = rule.TimeToRefill(rule.CapacityUnits - _units),
            };
        }

        Refusals++;
        return new PermitGrant
        {
            Remaining = 0,
            RetryAfter = RetryAfter(rule, leased, now),
            FullIn = rule.TimeToRefill(rule.CapacityUnits - _units),
        };
    }

    public BucketReport Report(RateRule rule, long now)
    {
        var leased = Refill(rule, now);
        return new BucketReport
        {
            Available = _units / rule.PermitUnits,
            Leased = leased,
            Holders = _leases.Count,
            FullIn = rule.TimeToRefill(rule.CapacityUnits - _units),
            Refusals = Refusals,
            Granted = Granted,
        };
    }

    public void Reset(long now)
    {
        _leases.Clear();
        _units = -1;
        _at = now;
    }

    /// <summary>
    /// Brings the bucket to <paramref name="now"/>; returns the permits still out on live leases. Leases that
    /// lapsed meanwhile are written off in time order, each when it lapsed, so that the bucket never refills
    /// for a lease's capacity while the lease could still be spent.
    /// </summary>
    private long Refill(RateRule rule, long now)
    {
        if (_units < 0)
        {
            // First use, or a reset: the bucket starts full.
            _units = Cap(rule);
            _at = Math.Max(_at, now);
        }

        while (EarliestWriteOff(now) is { } lapsed)
        {
            Grow(rule, _leases[lapsed].WriteOffAt);
            _leases.Remove(lapsed);
        }

        Grow(rule, now);
        return Leased();
    }

    private void Grow(RateRule rule, long until)
    {
        var cap = Cap(rule);
        if (until > _at && _units < cap)
        {
            var elapsed = until - _at;
            var deficit = cap - _units;
            _units = elapsed >= (deficit + rule.Max - 1) / rule.Max ? cap : _units + (elapsed * rule.Max);
        }

        _units = Math.Min(_units, cap);
        _at = Math.Max(_at, until);
    }

    private long Cap(RateRule rule) => Math.Max(0, rule.CapacityUnits - (Leased() * rule.PermitUnits));

    private long Leased()
    {
        long leased = 0;
        foreach (var lease in _leases.Values)
        {
            leased += lease.Count;
        }

        return leased;
    }

    private string? EarliestWriteOff(long now)
    {
        string? earliest = null;
        var at = long.MaxValue;
        foreach (var (holder, lease) in _leases)
        {
            if (lease.WriteOffAt <= now && lease.WriteOffAt < at)
            {
                (earliest, at) = (holder, lease.WriteOffAt);
            }
        }

        return earliest;
    }

    private TimeSpan RetryAfter(RateRule rule, long leased, long now)
    {
        var byRefill = rule.TimeToRefill(rule.PermitUnits - _units);
        if ((rule.CapacityUnits - (leased * rule.PermitUnits)) >= rule.PermitUnits)
        {
            return byRefill;
        }

        // Every permit the bucket could hold is out on lease. The first lease to lapse makes room, which then
        // refills as usual (a lapsed lease's permits count as spent).
        var firstWriteOff = _leases.Values.Min(static l => l.WriteOffAt);
        return TimeSpan.FromTicks(firstWriteOff - now) + byRefill;
    }

    private readonly record struct Lease(int Count, long WriteOffAt);
}
