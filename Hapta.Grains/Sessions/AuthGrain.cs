using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Hapta.PocketBase;
using Hapta.RateLimiting;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Hapta.Sessions;

[StatelessWorker]
internal sealed class AuthGrain(
    IPocketBaseApi pocketBase,
    IGrainFactory grains,
    UpstreamAdmission admission,
    ILogger<AuthGrain> logger)
    : Grain, IAuthGrain
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public Task<LoginResult> LoginWithPasswordAsync(
        string collection,
        byte[] json,
        RecordQuery query,
        string? clientIp,
        CancellationToken cancellationToken) =>
        LoginAsync(
            collection,
            (upstreamQuery, ct) => pocketBase.AuthWithPasswordAsync(collection, JsonContent(json), upstreamQuery, ct),
            "log in",
            query,
            clientIp,
            cancellationToken);

    public Task<LoginResult> LoginWithOAuth2Async(
        string collection,
        byte[] json,
        RecordQuery query,
        string? clientIp,
        CancellationToken cancellationToken) =>
        LoginAsync(
            collection,
            (upstreamQuery, ct) => pocketBase.AuthWithOAuth2Async(collection, JsonContent(json), upstreamQuery, ct),
            "log in with OAuth2",
            query,
            clientIp,
            cancellationToken);

    /// <summary>Sends a login to PocketBase and, when it succeeds, starts a session holding its token.</summary>
    private async Task<LoginResult> LoginAsync(
        string collection,
        Func<RecordQuery, CancellationToken, Task<HttpResponseMessage>> call,
        string operation,
        RecordQuery query,
        string? clientIp,
        CancellationToken cancellationToken)
    {
        // Only expand goes upstream: a fields list could leave out the token the session needs.
        var upstreamQuery = query.Expand is null ? RecordQuery.Empty : new RecordQuery { Expand = query.Expand };
        var answer = await UpstreamCall.SendAsync(
            admission,
            ct => call(upstreamQuery, ct),
            operation,
            logger,
            cancellationToken);
        if (!answer.IsSuccess
            || !AuthAnswer.TrySplit(answer.Body, out var token, out var userId, out var collectionId, out var body))
        {
            return new LoginResult { Upstream = answer.IsSuccess ? Unreadable(answer) : answer };
        }

        var sessionId = NewSessionId();
        var ticket = await grains.GetGrain<ISessionGrain>(sessionId).StartAsync(
            new SessionStart
            {
                UserId = userId,
                CollectionId = collectionId,
                CollectionName = collection,
                PocketBaseToken = token,
                ClientIp = clientIp,
            },
            cancellationToken);
        return new LoginResult { Ticket = ticket, Body = body };
    }

    public Task<UpstreamResponse> AuthMethodsAsync(string collection, CancellationToken cancellationToken) =>
        UpstreamCall.SendAsync(
            admission,
            ct => pocketBase.AuthMethodsAsync(collection, ct),
            "list auth methods",
            logger,
            cancellationToken);

    public async Task<UpstreamResponse> ActionAsync(
        string collection,
        string action,
        byte[] json,
        CancellationToken cancellationToken)
    {
        var answer = await UpstreamCall.SendAsync(
            admission,
            ct => pocketBase.AuthActionAsync(collection, action, JsonContent(json), ct),
            action,
            logger,
            cancellationToken);
        if (action == "confirm-password-reset" && answer.IsSuccess && ResetSubject(json) is var (userId, collectionId))
        {
            // PocketBase accepted the reset token, so its claims name the user whose password just changed.
            await grains.GetGrain<IUserSessionsGrain>(IUserSessionsGrain.KeyOf(collectionId, userId))
                .RevokeAllAsync("password reset", cancellationToken);
        }

        return answer;
    }

    /// <summary>128 random bits, base64url: unguessable, and safe in a grain id and a URL.</summary>
    private static string NewSessionId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (string UserId, string CollectionId)? ResetSubject(byte[] json)
    {
        try
        {
            using var body = JsonDocument.Parse(json);
            return body.RootElement.TryGetProperty("token", out var token) && token.ValueKind == JsonValueKind.String
                ? AuthAnswer.SubjectOf(token.GetString()!)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static UpstreamResponse Unreadable(UpstreamResponse answer) => answer with
    {
        Status = 502,
        Body = """{"code":502,"message":"PocketBase answered the login in a form Hapta cannot read.","data":{}}"""u8
            .ToArray(),
    };

    private static ByteArrayContent JsonContent(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = Json;
        return content;
    }
}
