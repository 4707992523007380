using Hapta.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Hapta.Sessions;

internal static partial class Log
{
    [LoggerMessage(EventIds.SessionStarted, LogLevel.Debug, "Session {SessionId} started for user {UserId}")]
    public static partial void SessionStarted(this ILogger logger, string sessionId, string userId);

    [LoggerMessage(EventIds.SessionRotated, LogLevel.Debug, "Session {SessionId} rotated to generation {Generation}")]
    public static partial void SessionRotated(this ILogger logger, string sessionId, long generation);

    [LoggerMessage(EventIds.TokenReuseDetected, LogLevel.Warning,
        "Token reuse on session {SessionId} of user {UserId}: generation {Presented} presented to auth-refresh "
        + "while {Current} is current; the session is revoked")]
    public static partial void TokenReuseDetected(
        this ILogger logger, string sessionId, string userId, long presented, long current);

    [LoggerMessage(EventIds.SessionEnded, LogLevel.Information, "Session {SessionId} of user {UserId} ended: {Reason}")]
    public static partial void SessionEnded(this ILogger logger, string sessionId, string userId, string reason);

    [LoggerMessage(EventIds.StaleGenerationRefused, LogLevel.Debug,
        "Session {SessionId} refused generation {Presented}; current is {Current}")]
    public static partial void StaleGenerationRefused(this ILogger logger, string sessionId, long presented, long current);

    [LoggerMessage(EventIds.SessionClientMismatch, LogLevel.Warning,
        "Session {SessionId} is bound to another client address; request refused")]
    public static partial void ClientMismatch(this ILogger logger, string sessionId);

    [LoggerMessage(EventIds.UserSessionsRevoked, LogLevel.Information,
        "Revoked {Count} sessions of user {UserKey}: {Reason}")]
    public static partial void UserSessionsRevoked(this ILogger logger, int count, string userKey, string reason);
}
