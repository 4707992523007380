using Hapta.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Hapta.Caching;

internal static partial class Log
{
    [LoggerMessage(EventIds.CachePurged, LogLevel.Information, "Cache purged by an admin: {What}")]
    public static partial void CachePurged(this ILogger logger, string what);
}
