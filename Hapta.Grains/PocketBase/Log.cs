using Hapta.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Hapta.PocketBase;

internal static partial class Log
{
    [LoggerMessage(EventIds.AdminLoggedIn, LogLevel.Information,
        "Logged in to PocketBase at {PocketBaseUrl} as admin; token valid until {ExpiresAt:O}")]
    public static partial void AdminLoggedIn(this ILogger logger, string pocketBaseUrl, DateTimeOffset expiresAt);

    [LoggerMessage(EventIds.AdminTokenRefreshed, LogLevel.Information,
        "Renewed the PocketBase admin token; valid until {ExpiresAt:O}")]
    public static partial void AdminTokenRefreshed(this ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(EventIds.AdminLoginFailed, LogLevel.Error,
        "PocketBase admin login at {PocketBaseUrl} failed with status {Status}")]
    public static partial void AdminLoginFailed(
        this ILogger logger, string pocketBaseUrl, int status, Exception? exception);

    [LoggerMessage(EventIds.AdminTokenRejected, LogLevel.Warning,
        "PocketBase rejected the admin token; logging in again")]
    public static partial void AdminTokenRejected(this ILogger logger);

    [LoggerMessage(EventIds.UpstreamUnavailable, LogLevel.Warning,
        "PocketBase is unavailable for {Operation}: {Reason}")]
    public static partial void UpstreamUnavailable(this ILogger logger, string operation, string reason);

    [LoggerMessage(EventIds.UpstreamTimedOut, LogLevel.Warning,
        "PocketBase did not answer {Operation} in time")]
    public static partial void UpstreamTimedOut(this ILogger logger, string operation);
}
