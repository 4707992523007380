using Hapta.Diagnostics;
using Hapta.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hapta.Sessions;

/// <summary>
/// Steps 2 and 4 of a request (DESIGN §3): verify the Hapta token locally, then ask its session grain whether
/// this generation may act now and for the user's PocketBase token. No token means a guest; any other token,
/// PocketBase's own included, is refused with 401: the only tokens Hapta accepts are its own.
/// </summary>
internal sealed partial class SessionGate(HaptaTokens tokens, IGrainFactory grains, ILogger<SessionGate> logger)
{
    public const string InvalidTokenMessage = "The request requires valid record authorization token to be set.";

    public ValueTask<Identity> ResolveAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var token = BearerToken(context.Request);
        if (token is null)
        {
            return ValueTask.FromResult(Identity.Guest);
        }

        var verified = context.Features.Get<VerifiedToken>();
        var claims = verified is not null && string.Equals(verified.Token, token, StringComparison.Ordinal)
            ? verified.Claims
            : tokens.Read(token);
        if (claims is null)
        {
            LogRejected(logger, "invalid, expired or not Hapta's");
            return ValueTask.FromResult(new Identity(null, null, Unauthorized(
                "The token is not a valid Hapta token, or it has expired. Log in again.")));
        }

        return ResolveCoreAsync(context, claims, cancellationToken);
    }

    /// <summary>
    /// The token of an <c>Authorization</c> header, bare or after <c>Bearer</c>, read as PocketBase does.
    /// </summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header[0]))
        {
            return null;
        }

        var value = header[0]!.Trim();
        return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : value;
    }

    public static ApiError Unauthorized(string detail) => ApiError.ForStatus(StatusCodes.Status401Unauthorized, detail)
        .WithMessage(InvalidTokenMessage);

    public static string Describe(SessionStatus status) => status switch
    {
        SessionStatus.Expired => "The session has expired. Log in again.",
        SessionStatus.Stale => "This token was replaced by a newer one. Use the token from the last auth-refresh.",
        SessionStatus.WrongClient => "The session belongs to another client address. Log in again.",
        SessionStatus.Reused =>
            "This token had already been refreshed; the session was ended for safety. Log in again.",
        SessionStatus.EndedByPocketBase => "The account no longer accepts this session. Log in again.",
        _ => "The session has ended. Log in again.",
    };

    private async ValueTask<Identity> ResolveCoreAsync(
        HttpContext context,
        TokenClaims claims,
        CancellationToken cancellationToken)
    {
        var check = await grains.GetGrain<ISessionGrain>(claims.SessionId).AuthorizeAsync(
            claims.Generation, context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (check.Status != SessionStatus.Valid)
        {
            LogRejected(logger, check.Status.ToString());
            return new Identity(null, claims, Unauthorized(Describe(check.Status)));
        }

        return new Identity(check.PocketBaseToken, claims, null);
    }

    [LoggerMessage(EventIds.TokenRejected, LogLevel.Debug, "Refused a token: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
