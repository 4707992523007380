using Microsoft.AspNetCore.Http;

namespace Hapta.RateLimiting;

/// <summary>
/// Runs <see cref="EdgeLimits"/> on every request but CORS preflights and the endpoints marked
/// <see cref="RouteClass.Exempt"/> (health probes), after routing so that the endpoint's route class is known.
/// A refused request is answered here with a 429 and goes no further.
/// </summary>
internal sealed class RateLimitMiddleware
{
    private readonly RequestDelegate _next;
    private readonly EdgeLimits _limits;

    public RateLimitMiddleware(RequestDelegate next, EdgeLimits limits)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(limits);
        _next = next;
        _limits = limits;
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (!_limits.Enabled || HttpMethods.IsOptions(context.Request.Method))
        {
            return _next(context);
        }

        var route = context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAs>()?.Route ?? RouteClass.Other;
        return route == RouteClass.Exempt ? _next(context) : InvokeCoreAsync(context, route);
    }

    private async Task InvokeCoreAsync(HttpContext context, RouteClass route)
    {
        var admission = _limits.AdmitAsync(context, route);
        var refusal = admission.IsCompletedSuccessfully ? admission.Result : await admission;
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        await _next(context);
    }
}
