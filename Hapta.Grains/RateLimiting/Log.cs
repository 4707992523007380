using Hapta.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Hapta.RateLimiting;

internal static partial class Log
{
    [LoggerMessage(EventIds.BucketUnreachable, LogLevel.Warning,
        "Could not reach the {Policy} rate-limit bucket ({Reason}); letting its requests through for a second")]
    public static partial void BucketUnreachable(this ILogger logger, string policy, string reason);

    [LoggerMessage(EventIds.BucketSlow, LogLevel.Warning,
        "The {Policy} rate-limit bucket answered after {Milliseconds} ms, too late for its lease; letting its "
        + "requests through for a second")]
    public static partial void BucketSlow(this ILogger logger, string policy, double milliseconds);
}
