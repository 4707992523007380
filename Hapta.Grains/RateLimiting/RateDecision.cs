namespace Hapta.RateLimiting;

/// <summary>
/// Whether one request may pass one policy, and what the <c>RateLimit</c> header should say about it:
/// <see cref="Remaining"/> permits and <see cref="ResetAfter"/> until the bucket is full again.
/// </summary>
public readonly record struct RateDecision(
    RatePolicy Policy,
    bool Admitted,
    long Remaining,
    TimeSpan ResetAfter,
    TimeSpan RetryAfter);
