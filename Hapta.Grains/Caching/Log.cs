using Hapta.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Hapta.Caching;

internal static partial class Log
{
    [LoggerMessage(EventIds.FeedLeaseTaken, LogLevel.Information,
        "Silo {Silo} now runs the cluster's change feed from PocketBase")]
    public static partial void FeedLeaseTaken(this ILogger logger, string silo);

    [LoggerMessage(EventIds.FeedConnected, LogLevel.Information,
        "Change feed connected to PocketBase, watching {Count} collections")]
    public static partial void FeedConnected(this ILogger logger, int count);

    [LoggerMessage(EventIds.FeedDisconnected, LogLevel.Warning,
        "Change feed from PocketBase is down ({Reason}); cache entries now live at most {DegradedTtl} until it "
        + "is back")]
    public static partial void FeedDisconnected(this ILogger logger, string reason, TimeSpan degradedTtl);

    [LoggerMessage(EventIds.PropagationTimedOut, LogLevel.Warning,
        "Change {Sequence} was not confirmed by silos {Silos} in time; answering the writer anyway")]
    public static partial void PropagationTimedOut(this ILogger logger, long sequence, string silos);

    [LoggerMessage(EventIds.VersionsPollFailed, LogLevel.Warning,
        "Could not poll the cluster's data versions ({Reason}); cached reads on this silo may lag until it works")]
    public static partial void VersionsPollFailed(this ILogger logger, string reason);

    [LoggerMessage(EventIds.CacheStoreSkipped, LogLevel.Debug,
        "Not caching {Key}: status {Status}, {Bytes} bytes")]
    public static partial void CacheStoreSkipped(this ILogger logger, string key, int status, int bytes);

    [LoggerMessage(EventIds.FeedEventUnreadable, LogLevel.Warning,
        "Change feed event {EventName} could not be read; purging every cache entry instead")]
    public static partial void FeedEventUnreadable(this ILogger logger, string eventName);
}
