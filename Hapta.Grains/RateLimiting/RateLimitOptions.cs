using System.ComponentModel.DataAnnotations;

namespace Hapta.RateLimiting;

/// <summary>
/// Rate limits, section <c>Hapta:RateLimit</c>. The keys at the top are the original Hapta's <c>ratelimit</c>
/// options with their meanings (<see cref="Max"/> requests per <see cref="Duration"/> ms per client IP,
/// <see cref="IP"/>, <see cref="IsEnabled"/>, <see cref="Message"/>); the named policies below them are Hapta's.
/// Every limit holds across the whole cluster.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Hapta:RateLimit";

    /// <summary>The original Hapta's section name, read first so that <c>Hapta:RateLimit</c> overrides it.</summary>
    public const string LegacySectionName = "ratelimit";

    /// <summary>Whether any limit applies. Default <see langword="true"/>.</summary>
    public bool IsEnabled { get; set; } = true;

    /// <summary>
    /// The <c>message</c> of a 429 answer. Default "Too many requests. Please slow down and retry later."
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Hapta:RateLimit:Message must not be empty.")]
    [MaxLength(500, ErrorMessage = "Hapta:RateLimit:Message must be at most 500 characters.")]
    public string Message { get; set; } = "Too many requests. Please slow down and retry later.";

    /// <summary>Whether the per-IP limit (<see cref="Max"/> per <see cref="Duration"/>) applies. Default on.</summary>
    public bool IP { get; set; } = true;

    /// <summary>Requests per client IP per <see cref="Duration"/>, all routes together. Default 1,200.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Hapta:RateLimit:Max must be between 1 and 10,000,000.")]
    public int Max { get; set; } = 1200;

    /// <summary>The window of <see cref="Max"/>, in milliseconds. Default 60,000 (one minute).</summary>
    [Range(1, 86_400_000, ErrorMessage = "Hapta:RateLimit:Duration must be between 1 and 86,400,000 ms (a day).")]
    public int Duration { get; set; } = 60_000;

    /// <summary>Requests one IP may send at once after a quiet spell. Default <see cref="Max"/>.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Hapta:RateLimit:Burst must be between 1 and 10,000,000.")]
    public int? Burst { get; set; }

    /// <summary>Per user, across all of the user's sessions (authenticated requests). Default 600 per minute.</summary>
    public RatePolicyOptions User { get; set; } = RatePolicyOptions.Of(600, 60_000);

    /// <summary>
    /// Requests Hapta sends to PocketBase on behalf of clients, all together: cache hits do not count. Default
    /// 2,000 per 2 seconds (1,000 a second, bursts of 2,000), sized for PocketBase on a small server; raise it on
    /// a larger one.
    /// </summary>
    public RatePolicyOptions Global { get; set; } = RatePolicyOptions.Of(2000, 2000);

    /// <summary>
    /// Auth routes (password login, OAuth2, refresh, password reset, verification) per client IP. Default 20 per
    /// minute: a login costs PocketBase a bcrypt hash (about 300 ms of CPU).
    /// </summary>
    public RatePolicyOptions Auth { get; set; } = RatePolicyOptions.Of(20, 60_000);

    /// <summary>
    /// Auth routes per identity (the e-mail or username tried, whatever the IP), against targeted guessing from
    /// many addresses. Default 10 per 10 minutes.
    /// </summary>
    public RatePolicyOptions AuthIdentity { get; set; } = RatePolicyOptions.Of(10, 600_000);

    /// <summary>
    /// Password logins, all together across the cluster: the bcrypt work PocketBase may be asked for, whatever
    /// the addresses and identities of a distributed credential-stuffing run. Default 20 per 2 seconds (10 a
    /// second), about what PocketBase hashes on 2 cores; raise it on a larger server.
    /// </summary>
    public RatePolicyOptions Login { get; set; } = RatePolicyOptions.Of(20, 2000);

    /// <summary>Record creates, updates and deletes per user (per IP for guests). Default 120 per minute.</summary>
    public RatePolicyOptions Write { get; set; } = RatePolicyOptions.Of(120, 60_000);

    /// <summary>Record lists and views per user (per IP for guests). Default 600 per minute.</summary>
    public RatePolicyOptions Read { get; set; } = RatePolicyOptions.Of(600, 60_000);

    /// <summary>File downloads and uploads per user (per IP for guests). Default 300 per minute.</summary>
    public RatePolicyOptions File { get; set; } = RatePolicyOptions.Of(300, 60_000);

    /// <summary>Realtime connections opened per user (per IP for guests). Default 30 per minute.</summary>
    public RatePolicyOptions Realtime { get; set; } = RatePolicyOptions.Of(30, 60_000);

    /// <summary>The per-IP policy, from the top-level keys.</summary>
    public RatePolicyOptions Ip => new() { Enabled = IP, Max = Max, Duration = Duration, Burst = Burst };
}
