using System.Net;
using Hapta.Collections;
using Hapta.Errors;
using Hapta.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hapta.Endpoints;

/// <summary>
/// The admin API's view of rate limits (DESIGN §9): the policies, and one partition's bucket to inspect or reset.
/// A partition is named as a client is: <c>?ip=203.0.113.7</c>, <c>?user=users/RECORD_ID</c> or
/// <c>?identity=users/alice@example.com</c>; the global policy has one partition and needs none.
/// </summary>
internal static class RateLimitAdminEndpoints
{
    public static RouteGroupBuilder MapRateLimitAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/rate-limits", Describe)
            .WithSummary("The rate-limit policies in force, with their bucket and lease sizes");
        admin.MapGet("/rate-limits/{policy}", InspectAsync)
            .WithSummary("One partition's bucket: permits available and leased, refusals, time until full")
            .WithDescription("Name the partition with ?ip=, ?user=collection/userId or ?identity=collection/name.");
        admin.MapDelete("/rate-limits/{policy}", ResetAsync)
            .WithSummary("Fill one partition's bucket again, e.g. after a false alarm")
            .WithDescription("Other silos drop what they remember of the bucket within a second.");
        return admin;
    }

    private static Ok<PolicyListReport> Describe(
        [FromServices] RatePolicies policies,
        [FromServices] PermitLeases leases) =>
        TypedResults.Ok(new PolicyListReport(
            policies.Enabled,
            leases.Count,
            [.. policies.All.Values.Select(static p => new PolicyReport(
                p.Name,
                p.Rule.Max,
                p.Rule.Window.TotalSeconds,
                p.Rule.Burst,
                p.Rule.LeaseCap,
                p.Rule.LeaseLifetime.TotalMilliseconds))]));

    private static async Task<Results<Ok<PartitionReport>, ApiError>> InspectAsync(
        string policy,
        HttpContext context,
        [FromServices] RatePolicies policies,
        [FromServices] CollectionDirectory directory,
        [FromServices] IGrainFactory grains)
    {
        var (found, partition, refusal) = await ResolveAsync(policy, context.Request.Query, policies, directory,
            context.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        var report = await grains.GetGrain<IRateLimitGrain>(found!.GrainKey(partition!)).InspectAsync(found.Rule);
        return TypedResults.Ok(new PartitionReport(
            found.Name,
            partition!,
            found.Rule.Max,
            found.Rule.Window.TotalSeconds,
            found.Rule.Burst,
            report.Available,
            report.Leased,
            report.Holders,
            Math.Ceiling(report.FullIn.TotalSeconds),
            report.Granted,
            report.Refusals));
    }

    private static async Task<Results<NoContent, ApiError>> ResetAsync(
        string policy,
        HttpContext context,
        [FromServices] RatePolicies policies,
        [FromServices] CollectionDirectory directory,
        [FromServices] IGrainFactory grains,
        [FromServices] PermitLeases leases,
        [FromServices] ILogger<EdgeLimits> logger)
    {
        var (found, partition, refusal) = await ResolveAsync(policy, context.Request.Query, policies, directory,
            context.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        await grains.GetGrain<IRateLimitGrain>(found!.GrainKey(partition!)).ResetAsync();
        leases.Forget(found, partition!);
        logger.BucketReset(found.Name);
        return TypedResults.NoContent();
    }

    /// <summary>The policy and the partition the query names, in the form the limits use.</summary>
    private static async Task<(RatePolicy? Policy, string? Partition, ApiError? Refusal)> ResolveAsync(
        string name,
        IQueryCollection query,
        RatePolicies policies,
        CollectionDirectory directory,
        CancellationToken cancellationToken)
    {
        if (!policies.All.TryGetValue(name, out var policy))
        {
            return (null, null, ApiError.NotFound(
                $"There is no enabled rate-limit policy '{name}'. GET /hapta/admin/rate-limits lists them."));
        }

        if (ReferenceEquals(policy, policies.Global) || ReferenceEquals(policy, policies.Login))
        {
            return (policy, RatePolicies.GlobalPartition, null);
        }

        if (query["ip"].ToString() is { Length: > 0 } ip && policy != policies.User
            && policy != policies.AuthIdentity)
        {
            return IPAddress.TryParse(ip, out var address)
                ? (policy, ClientPartition.Of(address), null)
                : (null, null, Invalid($"'{ip}' is not an IP address."));
        }

        var kind = ReferenceEquals(policy, policies.AuthIdentity) ? "identity" : "user";
        if (kind == "user" && ReferenceEquals(policy, policies.Auth))
        {
            return (null, null, Invalid("The auth policy counts per IP: name the partition with ?ip=."));
        }

        var value = query[kind].ToString();
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1)
        {
            return (null, null, Invalid(kind == "identity"
                ? "Name the partition with ?identity=<auth collection>/<e-mail or username>."
                : "Name the partition with ?user=<auth collection>/<user id>, or ?ip= for a guest."));
        }

        var lookup = await directory.FindAsync(value[..slash], cancellationToken);
        if (lookup.Collection is not { Type: "auth" } auth)
        {
            return (null, null, ApiError.NotFound("There is no auth collection with that name."));
        }

        var rest = value[(slash + 1)..];
        return (policy, kind == "identity" ? ClientPartition.OfIdentity(auth.Name, rest)
            : ClientPartition.OfUser(auth.Id, rest), null);
    }

    private static ApiError Invalid(string detail) => ApiError.BadRequest("Name a partition of the policy.", detail);

    public sealed record PolicyListReport(bool Enabled, int BucketsOnThisSilo, IReadOnlyList<PolicyReport> Policies);

    public sealed record PolicyReport(
        string Name,
        int Max,
        double WindowSeconds,
        int Burst,
        int LeaseCap,
        double LeaseLifetimeMs);

    public sealed record PartitionReport(
        string Policy,
        string Partition,
        int Max,
        double WindowSeconds,
        int Burst,
        long Available,
        long Leased,
        int Holders,
        double FullInSeconds,
        long Granted,
        long Refusals);
}
