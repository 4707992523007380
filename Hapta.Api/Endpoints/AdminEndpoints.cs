using Hapta.Admin;
using Hapta.Caching;
using Hapta.Collections;
using Hapta.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Hapta.Endpoints;

/// <summary>Hapta's own admin API, behind the admin key (DESIGN §9).</summary>
internal static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/hapta/admin").WithTags("Admin").AddEndpointFilter<AdminKeyFilter>();
        group.MapGet("/cluster", ClusterAsync)
            .WithSummary("Cluster membership as this silo sees it, and where the shared catalog grain lives");
        group.MapGet("/sessions/{sessionId}", static (string sessionId, [FromServices] IGrainFactory grains) =>
                grains.GetGrain<Sessions.ISessionGrain>(sessionId).DescribeAsync())
            .WithSummary("A session as an operator may see it (never its tokens), and the silo hosting it");
        group.MapDelete("/sessions/{sessionId}", RevokeSessionAsync)
            .WithSummary("End one session; its tokens stop working at once");
        group.MapDelete("/users/{collection}/{userId}/sessions", RevokeUserSessionsAsync)
            .WithSummary("End every session of a user (log out everywhere)");
        group.MapPost("/catalog/refresh", RefreshCatalogAsync)
            .WithSummary("Re-read PocketBase's collections now instead of waiting for the next refresh");
        group.MapGet("/cache", DescribeCache)
            .WithSummary("This silo's cache: entries, bytes, hits, misses, hit ratio, and the keys with the most hits");
        group.MapDelete("/cache", PurgeAllAsync).WithSummary("Purge every cache entry of the cluster");
        group.MapDelete("/cache/collections/{collection}", PurgeCollectionAsync)
            .WithSummary("Purge every cache entry of one collection (its lists and record views)");
        group.MapDelete("/cache/entries", PurgeKeyAsync)
            .WithSummary("Purge one cache entry by its key, e.g. ?key=posts/list/public?page=1&perPage=20");
        group.MapRateLimitAdmin();
        return group;
    }

    private static async Task<Ok<ClusterReport>> ClusterAsync(
        [FromServices] IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var self = await grains.GetGrain<IHealthGrain>(0).CheckAsync(cancellationToken);
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken);
        var catalog = await grains.GetGrain<ICollectionCatalogGrain>(0).DescribeAsync();
        return TypedResults.Ok(new ClusterReport(
            self.Silo,
            [.. hosts.Keys.Select(static s => s.ToString()).Order(StringComparer.Ordinal)],
            catalog));
    }

    private static async Task<Ok<CatalogReport>> RefreshCatalogAsync(
        [FromServices] IGrainFactory grains,
        [FromServices] CollectionDirectory directory,
        CancellationToken cancellationToken)
    {
        await grains.GetGrain<ICollectionCatalogGrain>(0).RefreshAsync(cancellationToken);
        var catalog = await directory.LoadAsync(cancellationToken);
        return TypedResults.Ok(new CatalogReport(
            catalog.Version, [.. catalog.Collections.Select(static c => c.Name).Order(StringComparer.Ordinal)]));
    }

    private static async Task<NoContent> RevokeSessionAsync(
        string sessionId,
        [FromServices] IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        await grains.GetGrain<Sessions.ISessionGrain>(sessionId).RevokeAsync("revoked by an admin", cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<RevokedReport>, Errors.ApiError>> RevokeUserSessionsAsync(
        string collection,
        string userId,
        [FromServices] CollectionDirectory directory,
        [FromServices] IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var lookup = await directory.FindAsync(collection, cancellationToken);
        if (lookup.Collection is not { Type: "auth" } auth)
        {
            return Errors.ApiError.NotFound("There is no auth collection with that name.");
        }

        var revoked = await grains.GetGrain<Sessions.IUserSessionsGrain>(
                Sessions.IUserSessionsGrain.KeyOf(auth.Id, userId))
            .RevokeAllAsync("revoked by an admin", cancellationToken);
        return TypedResults.Ok(new RevokedReport(revoked));
    }

    private static Ok<CacheReport> DescribeCache(
        [FromServices] CacheBudget budget,
        [FromQuery] int? top) =>
        TypedResults.Ok(budget.Describe(Math.Clamp(top ?? 20, 0, 1000)));

    private static async Task<NoContent> PurgeAllAsync(
        [FromServices] CachedReads cache,
        [FromServices] ILogger<CachedReads> logger)
    {
        await cache.PurgeAsync(ChangeNotice.All);
        logger.CachePurged("everything");
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, Errors.ApiError>> PurgeCollectionAsync(
        string collection,
        [FromServices] CollectionDirectory directory,
        [FromServices] CachedReads cache,
        [FromServices] ILogger<CachedReads> logger,
        CancellationToken cancellationToken)
    {
        var lookup = await directory.FindAsync(collection, cancellationToken);
        if (lookup.Collection is not { } found)
        {
            return Errors.ApiError.NotFound("There is no collection with that name or id.");
        }

        await cache.PurgeAsync(new ChangeNotice { CollectionId = found.Id });
        logger.CachePurged("collection " + found.Name);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, Errors.ApiError>> PurgeKeyAsync(
        [FromQuery] string? key,
        [FromServices] IGrainFactory grains,
        [FromServices] CachedReads cache,
        [FromServices] ILogger<CachedReads> logger)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 8192)
        {
            return Errors.ApiError.BadRequest(
                "Name the entry to purge.", "Give ?key=<the entry's key, as GET /hapta/admin/cache lists it>.");
        }

        await grains.GetGrain<ICacheGrain>(key).DropAsync();
        cache.ForgetCopy(key);
        logger.CachePurged("key " + key);
        return TypedResults.NoContent();
    }

    internal sealed record RevokedReport(int Revoked);

    internal sealed record ClusterReport(string Silo, IReadOnlyList<string> ActiveSilos, GrainPlacement Catalog);

    internal sealed record CatalogReport(long Version, IReadOnlyList<string> Collections);
}
