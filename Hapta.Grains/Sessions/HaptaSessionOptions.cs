using System.ComponentModel.DataAnnotations;

namespace Hapta.Sessions;

/// <summary>Lifetimes and rotation rules of Hapta sessions, bound from <c>Hapta:Sessions</c>.</summary>
public sealed class HaptaSessionOptions
{
    public const string SectionName = "Hapta:Sessions";

    /// <summary>
    /// Key that signs Hapta's tokens (HS256), at least 32 bytes of UTF-8. Every silo of a cluster needs the
    /// same one. Required outside Development, where a random per-process key is used when unset.
    /// Environment: <c>HAPTA_SECRET</c>.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>A session unused this long ends. Default 14 days (PocketBase's own token lifetime).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00",
        ErrorMessage = "Hapta:Sessions:IdleTimeout must be between 1 minute and 365 days.")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A session ends this long after its login, however active. Default 30 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00",
        ErrorMessage = "Hapta:Sessions:AbsoluteLifetime must be between 1 minute and 10 years.")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a token of the previous generation still works for ordinary requests after a refresh, so
    /// that requests in flight during the refresh do not fail. Never for <c>auth-refresh</c>. Default 10 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00",
        ErrorMessage = "Hapta:Sessions:GraceWindow must be between 0 and 5 minutes.")]
    public TimeSpan GraceWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Two <c>auth-refresh</c> calls with the same token this close together are one refresh raced by the
    /// client (two tabs, a retry), not a replay: the second gets the same successor. Default 2 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30",
        ErrorMessage = "Hapta:Sessions:ConcurrentRefreshWindow must be between 0 and 30 seconds.")]
    public TimeSpan ConcurrentRefreshWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Ties a session to the client IP it logged in from. Default false (mobile clients roam).</summary>
    public bool BindToClientIp { get; set; }

    /// <summary>The user's PocketBase token is renewed once less than this is left. Default 1 day.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00",
        ErrorMessage = "Hapta:Sessions:PocketBaseTokenRenewBefore must be between 1 minute and 30 days.")]
    public TimeSpan PocketBaseTokenRenewBefore { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often "last seen" is written to storage; reads in between update memory only. Default 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00",
        ErrorMessage = "Hapta:Sessions:LastSeenWriteInterval must be between 1 second and 1 hour.")]
    public TimeSpan LastSeenWriteInterval { get; set; } = TimeSpan.FromMinutes(1);
}
