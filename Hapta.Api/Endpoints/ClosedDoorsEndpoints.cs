using Hapta.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hapta.Endpoints;

/// <summary>
/// PocketBase's admin surface, refused whatever the request carries (DESIGN §1.2). Hapta forwards only the
/// routes it maps, so these paths could never reach PocketBase anyway; mapping them explicitly gives a
/// client a clear 403 instead of a puzzling 404, and documents the boundary in one place.
/// </summary>
internal static partial class ClosedDoorsEndpoints
{
    private static readonly string[] Patterns =
    [
        "/api/admins",
        "/api/admins/{**rest}",
        "/api/settings",
        "/api/settings/{**rest}",
        "/api/logs",
        "/api/logs/{**rest}",
        "/api/backups",
        "/api/backups/{**rest}",
        "/api/collections",
        "/api/collections/import",
        "/api/collections/{collection}",
        "/_",
        "/_/{**rest}",
    ];

    public static IEndpointRouteBuilder MapClosedDoors(this IEndpointRouteBuilder routes)
    {
        foreach (var pattern in Patterns)
        {
            routes.Map(pattern, Refuse).ExcludeFromDescription();
        }

        return routes;
    }

    private static ApiError Refuse(HttpRequest request, ILoggerFactory loggers)
    {
        LogRefused(loggers.CreateLogger(typeof(ClosedDoorsEndpoints)), request.Method, request.Path);
        return ApiError.Forbidden(
            "Only admins can perform this action.",
            "PocketBase's admin APIs and admin UI are not reachable through Hapta. Manage PocketBase directly, "
                + "on its own private address.");
    }

    [LoggerMessage(Diagnostics.EventIds.ClosedDoorRefused, LogLevel.Debug,
        "Refused {Method} {Path}: PocketBase admin API")]
    private static partial void LogRefused(ILogger logger, string method, PathString path);
}
