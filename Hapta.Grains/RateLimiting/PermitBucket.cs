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

    /// <summary>Brings the bucket to <paramref name="now"/>; returns the permits still out on live leases.</summary>
    private long Refill(RateRule rule, long now)
    {
        long leased = 0;
        foreach (var (holder, lease) in _leases)
        {
            if (lease.WriteOffAt <= now)
            {
                _leases.Remove(holder);
            }
            else
            {
                leased += lease.Count;
            }
        }

        var cap = Math.Max(0, rule.CapacityUnits - (leased * rule.PermitUnits));
        if (_units < 0)
        {
            // First use, or a reset: the bucket starts full.
            _units = cap;
        }
        else if (now > _at && _units < cap)
        {
            var elapsed = now - _at;
            var deficit = cap - _units;
            _units = elapsed >= (deficit + rule.Max - 1) / rule.Max ? cap : _units + (elapsed * rule.Max);
        }

        _units = Math.Min(_units, Math.Max(cap, 0));
        _at = Math.Max(_at, now);
        return leased;
    }

    private TimeSpan RetryAfter(RateRule rule, long leased, long now)
    {
        var byRefill = rule.TimeToRefill(rule.PermitUnits - _units);
        if ((rule.CapacityUnits - (leased * rule.PermitUnits)) >= rule.PermitUnits)
        {
            return byRefill;
        }

        // Every permit the bucket could hold is out on lease; one comes back at the latest when a lease lapses.
        var firstWriteOff = _leases.Values.Min(static l => l.WriteOffAt);
        return TimeSpan.FromTicks(Math.Max(byRefill.Ticks, firstWriteOff - now));
    }

    private readonly record struct Lease(int Count, long WriteOffAt);
}
