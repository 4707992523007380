using Hapta.Admin;
using Hapta.Collections;
using Hapta.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
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
        group.MapPost("/catalog/refresh", RefreshCatalogAsync)
            .WithSummary("Re-read PocketBase's collections now instead of waiting for the next refresh");
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

    internal sealed record ClusterReport(string Silo, IReadOnlyList<string> ActiveSilos, GrainPlacement Catalog);

    internal sealed record CatalogReport(long Version, IReadOnlyList<string> Collections);
}
