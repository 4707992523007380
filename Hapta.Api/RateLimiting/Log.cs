using Hapta.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Hapta.RateLimiting;

internal static partial class Log
{
    [LoggerMessage(EventIds.RequestThrottled, LogLevel.Debug,
        "Refused a request to {Path} from {Client}: the {Policy} limit is reached")]
    public static partial void RequestThrottled(this ILogger logger, string policy, string client, string path);

    [LoggerMessage(EventIds.BucketReset, LogLevel.Information,
        "An admin reset the {Policy} rate-limit bucket of one partition")]
    public static partial void BucketReset(this ILogger logger, string policy);
}
