using Hapta.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Hapta.Hosting;

internal static partial class Log
{
    [LoggerMessage(EventIds.ClusteringSelected, LogLevel.Information,
        "Clustering: {Mode}; silo port {SiloPort}, gateway port {GatewayPort}")]
    public static partial void ClusteringSelected(this ILogger logger, string mode, int siloPort, int gatewayPort);

    [LoggerMessage(EventIds.HostReady, LogLevel.Information,
        "Hapta is serving PocketBase at {PocketBaseUrl} on {Addresses}")]
    public static partial void HostReady(this ILogger logger, string pocketBaseUrl, string addresses);
}
