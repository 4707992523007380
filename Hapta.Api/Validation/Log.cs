using Hapta.Diagnostics;
using Hapta.Errors;
using Microsoft.Extensions.Logging;

namespace Hapta.Validation;

internal static partial class Log
{
    /// <summary>
    /// Names the keys a refused request got wrong (at most five, each cut at 64 characters), never their values.
    /// </summary>
    public static void Refused(this ILogger logger, string collection, string part, ApiError error)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        var keys = error.Data is { Count: > 0 } data
            ? string.Join(", ", data.Keys.Take(5).Select(static k => k.Length <= 64 ? k : k[..64] + "…"))
            : "(the whole " + part + ")";
        RequestRefused(logger, part, collection, error.StatusCode, keys);
    }

    [LoggerMessage(
        EventIds.RequestRefused, LogLevel.Debug,
        "Refused a request's {Part} on {Collection} before PocketBase with {Status}: {Keys}")]
    private static partial void RequestRefused(ILogger logger, string part, string collection, int status, string keys);
}
