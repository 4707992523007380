using Hapta.Caching;
using Hapta.Collections;
using Hapta.Health;
using Hapta.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Hapta.Endpoints;

/// <summary>
/// <c>/health</c>: the process serves HTTP (liveness). <c>/ready</c>: this silo runs grains, PocketBase
/// answers and the collection catalog is loaded (readiness). <c>/api/health</c> answers as PocketBase does,
/// for SDKs' health checks, about Hapta itself.
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("")
            .WithTags("Health")
            .WithMetadata(new RateLimitedAs(RouteClass.Exempt));
        group.MapMethods("/health", ["GET", "HEAD"], static () => TypedResults.Ok(new { status = "healthy" }))
            .WithSummary("Liveness: the process serves HTTP");
        group.MapMethods(
                "/api/health",
                ["GET", "HEAD"],
                static () => TypedResults.Ok(new { code = 200, message = "API is healthy.", data = new { } }))
            .WithSummary("PocketBase-compatible health check of Hapta");
        group.MapGet("/ready", ReadyAsync)
            .WithSummary("Readiness: grains run, PocketBase answers, the collection catalog is loaded");
        return routes;
    }

    private static async Task<Results<Ok<ReadinessReport>, JsonHttpResult<ReadinessReport>>> ReadyAsync(
        [FromServices] IGrainFactory grains,
        [FromServices] CollectionDirectory directory,
        [FromServices] CacheVersions versions,
        [FromServices] IOptions<CacheOptions> cache,
        CancellationToken cancellationToken)
    {
        HealthReport? health = null;
        string? problem = null;
        try
        {
            health = await grains.GetGrain<IHealthGrain>(0).CheckAsync(cancellationToken);
            problem = health.Problem;
            if (problem is null && !directory.IsLoaded)
            {
                var catalog = await directory.LoadAsync(cancellationToken);
                problem = catalog.Version == 0 ? "The collection catalog could not be read from PocketBase" : null;
            }
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            problem = "This silo cannot run grains: " + ex.GetType().Name;
        }

        var report = new ReadinessReport(
            problem is null ? "ready" : "not ready",
            health?.Silo,
            health?.PocketBaseReachable ?? false,
            directory.IsLoaded,
            !cache.Value.Enabled ? "off" : versions.FeedConnected ? "connected" : "down: entries live at most "
                + cache.Value.DegradedTtl.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            problem);
        return problem is null
            ? TypedResults.Ok(report)
            : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    internal sealed record ReadinessReport(
        string Status,
        string? Silo,
        bool PocketBase,
        bool Catalog,
        string ChangeFeed,
        string? Problem);
}
