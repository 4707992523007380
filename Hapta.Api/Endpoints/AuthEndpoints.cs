using System.Text.Json;
using System.Text.Json.Nodes;
using Hapta.Collections;
using Hapta.Errors;
using Hapta.PocketBase;
using Hapta.RateLimiting;
using Hapta.Records;
using Hapta.Sessions;
using Hapta.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Hapta.Endpoints;

/// <summary>
/// PocketBase's auth endpoints, with Hapta's rolling tokens in place of PocketBase's (DESIGN §5). Request and
/// answer JSON are PocketBase's; only <c>token</c> differs. Logout is Hapta's own route.
/// </summary>
internal static class AuthEndpoints
{
    private static readonly string[] TokenlessActions =
        ["request-verification", "confirm-verification", "request-password-reset", "confirm-password-reset"];

    private static readonly RateLimitedAs AuthRoute = new(RouteClass.Auth);

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/collections/{collection}").WithTags("Auth");
        group.MapPost("/auth-with-password", LoginAsync)
            .WithSummary("Log in with identity (e-mail or username) and password")
            .WithDescription("Answers PocketBase's {token, record}; the token is Hapta's, rotated by auth-refresh.")
            .Accepts<Dictionary<string, object>>("application/json")
            .WithMetadata(AuthRoute);
        group.MapPost("/auth-with-oauth2", OAuth2LoginAsync)
            .WithSummary("Log in with the code an OAuth2 provider gave (the manual flow)")
            .WithDescription("Answers PocketBase's {token, record, meta} with Hapta's token, as a password login does.")
            .Accepts<Dictionary<string, object>>("application/json")
            .WithMetadata(AuthRoute);
        group.MapPost("/auth-refresh", RefreshAsync)
            .WithSummary("Rotate the session: returns the next token and retires the one presented")
            .WithDescription("Presenting a retired token here is treated as theft: the whole session ends.")
            .WithMetadata(AuthRoute);
        group.MapGet("/auth-methods", AuthMethodsAsync)
            .WithSummary("The collection's login methods")
            .WithMetadata(new RateLimitedAs(RouteClass.Read));
        foreach (var action in TokenlessActions)
        {
            group.MapPost("/" + action, (string collection, HttpContext context, CancellationToken cancellationToken) =>
                    ActionAsync(collection, action, context, cancellationToken))
                .WithSummary(action switch
                {
                    "confirm-password-reset" => "Set a new password; every session of the user ends",
                    _ => "PocketBase's " + action,
                })
                .Accepts<Dictionary<string, object>>("application/json")
                .WithMetadata(AuthRoute);
        }

        routes.MapMethods("/hapta/auth/logout", ["POST", "DELETE"], LogoutAsync)
            .WithTags("Auth")
            .WithSummary("Log out: ends the session of the token presented");
        return routes;
    }

    private static Task<Results<ContentHttpResult, PocketBaseResult, ApiError>> LoginAsync(
        string collection,
        HttpContext context,
        [FromServices] CollectionDirectory directory,
        [FromServices] IGrainFactory grains,
        [FromServices] HaptaTokens tokens,
        [FromServices] IOptions<HaptaApiOptions> options,
        [FromServices] EdgeLimits limits,
        CancellationToken cancellationToken) =>
        LogInAsync("auth-with-password", collection, context, directory, grains, tokens, options, limits,
            cancellationToken);

    private static Task<Results<ContentHttpResult, PocketBaseResult, ApiError>> OAuth2LoginAsync(
        string collection,
        HttpContext context,
        [FromServices] CollectionDirectory directory,
        [FromServices] IGrainFactory grains,
        [FromServices] HaptaTokens tokens,
        [FromServices] IOptions<HaptaApiOptions> options,
        [FromServices] EdgeLimits limits,
        CancellationToken cancellationToken) =>
        LogInAsync("auth-with-oauth2", collection, context, directory, grains, tokens, options, limits,
            cancellationToken);

    /// <summary>
    /// A password or OAuth2 login: the body checked, the login limits applied (per identity for a password login),
    /// then PocketBase asked; its token stays in a new session and the client gets Hapta's.
    /// </summary>
    private static async Task<Results<ContentHttpResult, PocketBaseResult, ApiError>> LogInAsync(
        string action,
        string collection,
        HttpContext context,
        CollectionDirectory directory,
        IGrainFactory grains,
        HaptaTokens tokens,
        IOptions<HaptaApiOptions> options,
        EdgeLimits limits,
        CancellationToken cancellationToken)
    {
        var (lookup, refusal) = await FindAsync(directory, collection, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var shaping = RecordQueryReader.ReadShaping(context.Request.Query);
        if (context.RequestServices.GetRequiredService<QueryValidator>().Check(lookup!, shaping) is { } badQuery)
        {
            return badQuery;
        }

        var (body, invalid) = await JsonBody.ReadAsync(
            context.Request, options.Value.MaxJsonBodyBytes, cancellationToken);
        if ((invalid ?? AuthBodies.Check(action, body)) is { } malformed)
        {
            return malformed;
        }

        var password = action == "auth-with-password";
        var identity = password ? NamedIdentity(body!, "identity") : null;
        if (await limits.AdmitLoginAsync(context, lookup!.Name, identity) is { } refused)
        {
            return refused;
        }

        var auth = grains.GetGrain<IAuthGrain>(0);
        var clientIp = context.Connection.RemoteIpAddress?.ToString();
        var login = password
            ? await auth.LoginWithPasswordAsync(lookup.Name, body!, shaping, clientIp, cancellationToken)
            : await auth.LoginWithOAuth2Async(lookup.Name, body!, shaping, clientIp, cancellationToken);
        return login.Ticket is { } ticket
            ? WithToken(login.Body!, tokens.Mint(ticket))
            : Upstream(login.Upstream!);
    }

    private static async Task<Results<ContentHttpResult, PocketBaseResult, ApiError>> RefreshAsync(
        string collection,
        HttpContext context,
        [FromServices] CollectionDirectory directory,
        [FromServices] IGrainFactory grains,
        [FromServices] HaptaTokens tokens,
        CancellationToken cancellationToken)
    {
        var (lookup, refusal) = await FindAsync(directory, collection, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var claims = SessionGate.BearerToken(context.Request) is { } token ? tokens.Read(token) : null;
        if (claims is null || !string.Equals(claims.CollectionId, lookup!.Id, StringComparison.Ordinal))
        {
            return SessionGate.Unauthorized("auth-refresh needs a valid Hapta token of this collection.");
        }

        var shaping = RecordQueryReader.ReadShaping(context.Request.Query);
        if (context.RequestServices.GetRequiredService<QueryValidator>().Check(lookup, shaping) is { } badQuery)
        {
            return badQuery;
        }

        var rotation = await grains.GetGrain<ISessionGrain>(claims.SessionId).RotateAsync(
            claims.Generation, shaping,
            context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (rotation.Ticket is { } ticket)
        {
            return WithToken(rotation.Body!, tokens.Mint(ticket));
        }

        return rotation.Status == SessionStatus.Valid && rotation.Upstream is { } upstream
            ? Upstream(upstream)
            : SessionGate.Unauthorized(SessionGate.Describe(rotation.Status));
    }

    private static async Task<Results<PocketBaseResult, ApiError>> AuthMethodsAsync(
        string collection,
        [FromServices] CollectionDirectory directory,
        [FromServices] IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var (lookup, refusal) = await FindAsync(directory, collection, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var answer = await grains.GetGrain<IAuthGrain>(0).AuthMethodsAsync(lookup!.Name, cancellationToken);
        return answer.ToResult();
    }

    private static async Task<Results<PocketBaseResult, ApiError>> ActionAsync(
        string collection,
        string action,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        var (lookup, refusal) = await FindAsync(
            services.GetRequiredService<CollectionDirectory>(), collection, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var limit = services.GetRequiredService<IOptions<HaptaApiOptions>>().Value.MaxJsonBodyBytes;
        var (body, invalid) = await JsonBody.ReadAsync(context.Request, limit, cancellationToken);
        if ((invalid ?? AuthBodies.Check(action, body)) is { } malformed)
        {
            return malformed;
        }

        // The requests that mail a user count against that address too, so no one can flood an inbox.
        if (action.StartsWith("request-", StringComparison.Ordinal)
            && await services.GetRequiredService<EdgeLimits>().AdmitIdentityAsync(
                context, lookup!.Name, NamedIdentity(body!, "email")) is { } refused)
        {
            return refused;
        }

        var answer = await services.GetRequiredService<IGrainFactory>().GetGrain<IAuthGrain>(0)
            .ActionAsync(lookup!.Name, action, body!, cancellationToken);
        if (answer.IsSuccess && action.StartsWith("confirm-", StringComparison.Ordinal))
        {
            // The user's record changed (verified, password); which user, only PocketBase knows.
            await services.GetRequiredService<Caching.CachedReads>().AnnounceWriteAsync(lookup, recordId: null);
        }

        return answer.ToResult();
    }

    private static async Task<Results<NoContent, ApiError>> LogoutAsync(
        HttpContext context,
        [FromServices] IGrainFactory grains,
        [FromServices] HaptaTokens tokens,
        CancellationToken cancellationToken)
    {
        var claims = SessionGate.BearerToken(context.Request) is { } token ? tokens.Read(token) : null;
        if (claims is null)
        {
            return SessionGate.Unauthorized("Log out with the Hapta token of the session to end.");
        }

        await grains.GetGrain<ISessionGrain>(claims.SessionId).RevokeAsync("logout", cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Auth routes exist only for auth collections, as in PocketBase.</summary>
    private static async Task<(CollectionInfo? Collection, ApiError? Refusal)> FindAsync(
        CollectionDirectory directory,
        string collection,
        CancellationToken cancellationToken)
    {
        var lookup = await directory.FindAsync(collection, cancellationToken);
        if (lookup.CatalogUnavailable)
        {
            return (null, ApiError.Unavailable(
                "Hapta has not been able to read PocketBase's collections yet. Please retry shortly.",
                UpstreamResults.RetryAfterOutage));
        }

        return lookup.Collection is { Type: "auth" } auth
            ? (auth, null)
            : (null, ApiError.NotFound("There is no auth collection with that name."));
    }

    /// <summary>The identity a login or mail request names (a string member of its body), if any.</summary>
    private static string? NamedIdentity(byte[] body, string member)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty(member, out var value)
                && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Results<ContentHttpResult, PocketBaseResult, ApiError> Upstream(UpstreamResponse answer) =>
        answer.ToResult() switch
        {
            { Result: PocketBaseResult result } => result,
            { Result: ApiError error } => error,
            _ => ApiError.ForStatus(StatusCodes.Status502BadGateway),
        };

    /// <summary>PocketBase's answer with Hapta's token where PocketBase's was.</summary>
    private static ContentHttpResult WithToken(byte[] withoutToken, string token)
    {
        var answer = JsonNode.Parse(withoutToken)!.AsObject();
        answer["token"] = token;
        return TypedResults.Text(answer.ToJsonString(), "application/json; charset=utf-8");
    }
}
