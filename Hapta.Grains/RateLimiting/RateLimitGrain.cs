namespace Hapta.RateLimiting;

/// <summary>
/// The cluster's one authority over a bucket.
/// </summary>
/// <remarks>
/// <para>
/// The model. A bucket of <c>Burst</c> permits refills at <c>Max</c> per <c>Window</c>; a request spends one.
/// Asking this grain on every request would make a busy bucket (the global one, a busy user's) a per-request
/// bottleneck, so silos take leases: a silo asks for a few permits, spends them locally for at most a lease
/// lifetime, and gives back what it did not spend when it asks again. Leased permits leave the bucket when
/// granted, and the bucket never refills past its capacity less what is out on lease, so the permits spent
/// across all silos in any period never exceed what one bucket would have admitted alone. Leasing costs
/// nothing in exactness; what it can cost is a refusal on one silo while another holds unspent permits, and
/// leases are kept to 1% of the bucket to bound that.
/// </para>
/// <para>
/// The state is in memory and kept while it matters: each call delays deactivation until the bucket would be
/// full again. A silo that dies takes its buckets with it; they start full on another silo, which forgives at
/// most one burst per partition. Persisting would cost a storage write per lease.
/// </para>
/// </remarks>
internal sealed class RateLimitGrain(TimeProvider time) : Grain, IRateLimitGrain
{
    private static readonly TimeSpan MaxKeepAlive = TimeSpan.FromDays(1);

    private readonly long _origin = time.GetTimestamp();
    private PermitBucket? _bucket;

    public Task<PermitGrant> TakeAsync(RateRule rule, string holder, int returned, int wanted)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var now = Now();
        var grant = Bucket(now).Take(rule, holder, returned, wanted, now);
        KeepAlive(rule, grant.FullIn);
        return Task.FromResult(grant);
    }

    public Task<BucketReport> InspectAsync(RateRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var now = Now();
        return Task.FromResult(Bucket(now).Report(rule, now));
    }

    public Task ResetAsync()
    {
        Bucket(Now()).Reset(Now());
        return Task.CompletedTask;
    }

    private PermitBucket Bucket(long now) => _bucket ??= new PermitBucket(now);

    private long Now() => time.GetElapsedTime(_origin).Ticks;

    /// <summary>
    /// Keeps the activation until the bucket would be full again, at most a day: a bucket that takes longer to
    /// refill (a setting of a few permits a day) may be forgotten after a day without requests.
    /// </summary>
    private void KeepAlive(RateRule rule, TimeSpan fullIn)
    {
        var needed = fullIn + rule.LeaseLifetime + PermitBucket.WriteOffMargin;
        DelayDeactivation(needed < MaxKeepAlive ? needed : MaxKeepAlive);
    }
}
