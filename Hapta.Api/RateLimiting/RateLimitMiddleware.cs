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
        if (route == RouteClass.Exempt)
        {
            return _next(context);
        }

        // Permits are nearly always spent from a local lease, synchronously: then no state machine is built.
        var admission = _limits.AdmitAsync(context, route);
        return admission.IsCompletedSuccessfully
            ? admission.Result is { } refusal ? refusal.ExecuteAsync(context) : _next(context)
            : InvokeCoreAsync(context, admission);
    }

    private async Task InvokeCoreAsync(HttpContext context, ValueTask<Errors.ApiError?> admission)
    {
        if (await admission is { } refusal)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        await _next(context);
    }
}
