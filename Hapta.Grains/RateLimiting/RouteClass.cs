namespace Hapta.RateLimiting;

/// <summary>The kind of route a request is, for the per-route limits. Set on endpoints as metadata.</summary>
public enum RouteClass
{
    /// <summary>Only the per-IP and per-user limits apply.</summary>
    Other = 0,

    /// <summary>Not limited at all: health and readiness probes.</summary>
    Exempt,

    /// <summary>Login, OAuth2, refresh, password reset and verification.</summary>
    Auth,

    Read,

    Write,

    File,

    /// <summary>Opening a realtime connection.</summary>
    Realtime,
}
