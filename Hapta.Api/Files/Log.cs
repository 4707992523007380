using Hapta.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Hapta.Files;

internal static partial class Log
{
    [LoggerMessage(EventIds.DownloadFailed, LogLevel.Warning,
        "A download from {Collection} did not reach PocketBase: {Reason}")]
    public static partial void DownloadFailed(this ILogger logger, string collection, string reason);

    [LoggerMessage(EventIds.UploadForwarded, LogLevel.Debug,
        "Sent {Files} file(s), {Bytes} bytes in all, to {Collection}: PocketBase answered {Status}")]
    public static partial void UploadForwarded(
        this ILogger logger, int files, long bytes, string collection, int status);
}
