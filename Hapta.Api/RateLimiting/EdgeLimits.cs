using Hapta.Errors;
using Hapta.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hapta.RateLimiting;

/// <summary>
/// Step 3 of a request (DESIGN §3): the limits a client meets at the edge, before anything else is done for it.
/// A request counts against its IP, its user (when it carries a valid Hapta token, checked locally; the session
/// is confirmed later) and its route's policy, per user or, for guests and auth routes, per IP. Login and the
/// requests that mail a user also count against the identity they name (<see cref="AdmitIdentityAsync"/>), so
/// that neither many guesses from one address nor a few from each of many addresses get through.
/// </summary>
internal sealed class EdgeLimits(
    RatePolicies policies,
    PermitLeases leases,
    HaptaTokens tokens,
    ILogger<EdgeLimits> logger)
{
    public bool Enabled => policies.Enabled;

    /// <summary>The refusal to answer with, or <see langword="null"/> when the request may go on.</summary>
    public async ValueTask<ApiError?> AdmitAsync(HttpContext context, RouteClass route)
    {
        ArgumentNullException.ThrowIfNull(context);
        var feature = new RateLimitFeature();
        context.Features.Set(feature);
        var ip = ClientPartition.Of(context.Connection.RemoteIpAddress);
        var user = VerifiedUser(context);
        var cancellationToken = context.RequestAborted;

        var refusal = await CheckAsync(feature, policies.Ip, ip, cancellationToken);
        if (refusal is null && user is not null)
        {
            refusal = await CheckAsync(feature, policies.User, user, cancellationToken);
        }

        if (refusal is null && policies.For(route) is { } perRoute)
        {
            var partition = route == RouteClass.Auth || user is null ? ip : user;
            refusal = await CheckAsync(feature, perRoute, partition, cancellationToken);
        }

        RateLimitHeaders.Write(context.Response, feature.Decisions);
        return refusal is { } refused ? Refuse(context, refused, ip) : null;
    }

    /// <summary>
    /// Counts a password login against the identity it names and against the cluster's logins: the bcrypt work
    /// PocketBase may be asked for, whoever asks.
    /// </summary>
    public async ValueTask<ApiError?> AdmitLoginAsync(HttpContext context, string collection, string? identity)
    {
        if (await AdmitIdentityAsync(context, collection, identity) is { } refused)
        {
            return refused;
        }

        var feature = Feature(context);
        var refusal = await CheckAsync(feature, policies.Login, RatePolicies.GlobalPartition, context.RequestAborted);
        RateLimitHeaders.Write(context.Response, feature.Decisions);
        return refusal is { } cluster
            ? Refuse(context, cluster, ClientPartition.Of(context.Connection.RemoteIpAddress))
            : null;
    }

    /// <summary>Counts a login or mail request against the identity it names (e-mail or username).</summary>
    public async ValueTask<ApiError?> AdmitIdentityAsync(HttpContext context, string collection, string? identity)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (policies.AuthIdentity is not { } policy || string.IsNullOrWhiteSpace(identity))
        {
            return null;
        }

        var feature = Feature(context);
        var refusal = await CheckAsync(
            feature, policy, ClientPartition.OfIdentity(collection, identity), context.RequestAborted);
        RateLimitHeaders.Write(context.Response, feature.Decisions);
        return refusal is { } refused
            ? Refuse(context, refused, ClientPartition.Of(context.Connection.RemoteIpAddress))
            : null;
    }

    private async ValueTask<RateDecision?> CheckAsync(
        RateLimitFeature feature,
        RatePolicy? policy,
        string partition,
        CancellationToken cancellationToken)
    {
        if (policy is null)
        {
            return null;
        }

        var decision = await leases.AcquireAsync(policy, partition, cancellationToken);
        feature.Add(decision);
        return decision.Admitted ? null : decision;
    }

    private ApiError Refuse(HttpContext context, RateDecision refused, string ip)
    {
        logger.RequestThrottled(refused.Policy.Name, ip, context.Request.Path);
        var rule = refused.Policy.Rule;
        return ApiError.TooManyRequests(
            policies.Message,
            $"The {refused.Policy.Name} limit of {rule.Max} requests per {Describe(rule.Window)} is reached. "
            + "Retry after the time in Retry-After.",
            refused.RetryAfter);
    }

    /// <summary>This request's decisions so far (an endpoint not behind the middleware starts them).</summary>
    private static RateLimitFeature Feature(HttpContext context)
    {
        var feature = context.Features.Get<RateLimitFeature>();
        if (feature is null)
        {
            feature = new RateLimitFeature();
            context.Features.Set(feature);
        }

        return feature;
    }

    /// <summary>The user of a valid Hapta token, verified locally; its session is confirmed later.</summary>
    private string? VerifiedUser(HttpContext context)
    {
        if (SessionGate.BearerToken(context.Request) is not { } token || tokens.Read(token) is not { } claims)
        {
            return null;
        }

        context.Features.Set(new VerifiedToken(token, claims));
        return ClientPartition.OfUser(claims.CollectionId, claims.UserId);
    }

    private static string Describe(TimeSpan window) => window switch
    {
        { TotalDays: >= 1 } when window.TotalDays % 1 == 0 => $"{window.TotalDays:0} d",
        { TotalHours: >= 1 } when window.TotalHours % 1 == 0 => $"{window.TotalHours:0} h",
        { TotalMinutes: >= 1 } when window.TotalMinutes % 1 == 0 => $"{window.TotalMinutes:0} min",
        { TotalSeconds: >= 1 } when window.TotalSeconds % 1 == 0 => $"{window.TotalSeconds:0} s",
        _ => $"{window.TotalMilliseconds:0} ms",
    };
}
