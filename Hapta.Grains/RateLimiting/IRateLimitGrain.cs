namespace Hapta.RateLimiting;

/// <summary>
/// One rate-limit bucket, keyed <c>{policy}/{partition}</c> (<c>ip/203.0.113.7</c>, <c>user/u:…</c>,
/// <c>global/all</c>). Silos do not ask it once per request: each takes a small lease of permits and spends it
/// locally (<see cref="PermitLeases"/>), so that a hot bucket costs one grain call per lease, not per request.
/// </summary>
[Alias("Hapta.RateLimiting.IRateLimitGrain")]
public interface IRateLimitGrain : IGrainWithStringKey
{
    /// <summary>
    /// Ends <paramref name="holder"/>'s previous lease, giving back the <paramref name="returned"/> permits it did
    /// not spend, and grants up to <paramref name="wanted"/> new ones (never more than the rule's lease cap).
    /// </summary>
    [Alias("TakeAsync")]
    Task<PermitGrant> TakeAsync(RateRule rule, string holder, int returned, int wanted);

    [Alias("InspectAsync")]
    Task<BucketReport> InspectAsync(RateRule rule);

    /// <summary>Fills the bucket and forgets every lease: the partition starts afresh.</summary>
    [Alias("ResetAsync")]
    Task ResetAsync();
}
