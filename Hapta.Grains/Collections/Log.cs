using Hapta.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Hapta.Collections;

internal static partial class Log
{
    [LoggerMessage(EventIds.CatalogRefreshed, LogLevel.Information,
        "Collection catalog is now version {Version} with {Count} collections")]
    public static partial void CatalogRefreshed(this ILogger logger, long version, int count);

    [LoggerMessage(EventIds.CatalogRefreshFailed, LogLevel.Warning,
        "Could not re-read the collections from PocketBase; keeping version {Version}: {Reason}")]
    public static partial void CatalogRefreshFailed(this ILogger logger, long version, string reason);
}
