using Hapta.RateLimiting;

namespace Hapta.RateLimiting;

/// <summary>Endpoint metadata: which per-route limit applies to the endpoint.</summary>
public sealed record RateLimitedAs(RouteClass Route);
