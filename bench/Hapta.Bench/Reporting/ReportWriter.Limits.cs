using System.Text;
using Hapta.Bench.Load;
using Hapta.Bench.PocketBase;
using Hapta.Bench.Processes;
using Hapta.Bench.Running;

namespace Hapta.Bench.Reporting;

internal static partial class ReportWriter
{
    /// <summary>The lines of "What runs" on rate limits: the main Hapta, W1 without limits, W5 and W6.</summary>
    private static void LimitsMethod(StringBuilder text, BenchReport report)
    {
        var options = report.Options;
        text.AppendLine("- **Rate limits** (#6): the Hapta of W1–W4 and W7 runs with every limit on but out of "
            + "reach: the per-IP limit and each named policy (user, global, auth, auth-identity, write, read, file, "
            + $"realtime) at {RateLimitSettings.RoomyMax:N0} requests per {RateLimitSettings.RoomyDurationMs} ms, the "
            + "most the options accept. Every request of the driver comes from 127.0.0.1, which the defaults would "
            + "refuse within a second; so the limiter does its work on every request and its cost is in the "
            + "figures, but it never refuses.");
        if (options.Runs("W1"))
        {
            text.AppendLine("- **W1, limits off**: W1 also runs against a second Hapta started with "
                + "`--Hapta:RateLimit:IsEnabled=false`, at 1 and 64 connections, right before or after the Hapta with "
                + "limits on (the order flips from one case to the next, as for every target); set against it, what "
                + "the limiter costs a request.");
        }

        if (report.Storms.FirstOrDefault() is { } storm)
        {
            var direct = report.Storms.FirstOrDefault(s => s.Target == BenchTarget.PocketBase);
            var madeUpShare = 1 - StormPlan.GuessShare - StormPlan.CorrectShare;
            text.AppendLine($"- **W5** (a login storm): {storm.Result.Sent:N0} password logins "
                + $"(`POST {LogWindow.PasswordLoginUrl}`) from {StormPlan.Addresses} client addresses "
                + $"(`X-Forwarded-For: 10.66.x.y`, {StormPlan.AttemptsPerAddress} each, spread over the storm), "
                + $"{options.Connections} connections: {StormPlan.GuessShare:0%} guess the password of one of "
                + $"{StormPlan.RealIdentities} real seed users, {madeUpShare:0%} name one of "
                + $"{StormPlan.MadeUpIdentities} made-up accounts, and {StormPlan.CorrectShare:0%} are those real "
                + "users with their right password. First through a Hapta of its own with the default limits, "
                + "believing 127.0.0.1 as a proxy (`--Hapta:TrustedProxies:0=127.0.0.1`), so that each address "
                + "counts as a client; then the same logins against PocketBase direct, which stops sending after "
                + $"{options.StormTimeLimit.TotalSeconds:0} s"
                + (direct?.Result.StoppedByTimeLimit == true ? $" (it did, after {direct.Result.Sent:N0})." : ".")
                + " **admitted**: answers other than 429; **PocketBase logged**: the password logins in "
                + "PocketBase's own request log during the storm.");
        }

        if (report.Overshoot is { } overshoot)
        {
            text.AppendLine($"- **W6** (one global limit, {overshoot.Silos} silos): a fresh redis-server (nothing "
                + $"saved) and {overshoot.Silos} `hapta-server` silos clustered through it "
                + $"(`--Hapta:Cluster:Redis`), with a global limit of {overshoot.Max} calls to PocketBase per "
                + $"{overshoot.Duration.TotalMilliseconds:0} ms (burst {overshoot.Burst}) and every other limit out "
                + $"of reach. After an unrecorded warm-up, the driver sends {overshoot.Result.Rate:N0} requests a "
                + $"second for {options.OvershootDuration.TotalSeconds:0} s, to the silos in turn (open loop), each "
                + $"a list of posts with a filter no other request has (`{PacedRunner.Template("w6")}`, unescaped), "
                + "so that each is a cache miss that needs PocketBase. "
                + "**allowed** = burst + max × span ÷ window, the span running from the first request sent to the "
                + "last admitted answer (no permit can be granted outside it); **overshoot** = what was admitted "
                + "beyond that, as a share of it.");
        }
    }

    /// <summary>W1 with limits on against W1 with limits off: what the limiter costs a request.</summary>
    private static void LimiterCost(StringBuilder text, BenchReport report)
    {
        var rows = report.Runs.Where(run => run.Workload == "W1" && run.Target == BenchTarget.Hapta)
            .Select(on => (On: on, Off: Find(report, "W1", on.Connections, BenchTarget.HaptaUnlimited)))
            .Where(pair => pair.Off is not null)
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        text.AppendLine("## Rate limiting: what the limiter costs").AppendLine();
        text.AppendLine("| conns | limits off req/s | limits on req/s | on ÷ off | p50 ms: off / on "
            + "| p99 ms: off / on | errors: off / on | added per request, µs of wall time |");
        text.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var (on, off) in rows)
        {
            var added = 1e6 / on.RequestsPerSecond - 1e6 / off!.RequestsPerSecond;
            text.AppendLine($"| {on.Connections} | {off.RequestsPerSecond:N0} | {on.RequestsPerSecond:N0} "
                + $"| {Ratio(on.RequestsPerSecond / off.RequestsPerSecond)} | {Ms(off.P50Ms)} / {Ms(on.P50Ms)} "
                + $"| {Ms(off.P99Ms)} / {Ms(on.P99Ms)} | {off.Errors:N0} / {on.Errors:N0} | {added:0.0} |");
        }

        text.AppendLine();
        text.AppendLine("W1 is a guest's cached view, the cheapest request Hapta serves, so the limiter's share of it "
            + "is the largest it has: with limits on, each request spends a permit of its IP's bucket and one of the "
            + "read policy's, from leases the silo holds (a grain call only when a lease runs out). A negative "
            + "figure is noise: the two runs are within the machine's drift of each other.");
        text.AppendLine();
    }

    private static void LoginStorm(StringBuilder text, BenchReport report)
    {
        if (report.Storms.Count == 0)
        {
            return;
        }

        text.AppendLine($"## W5: a login storm from {StormPlan.Addresses} addresses").AppendLine();
        text.AppendLine("| target | sent | seconds | admitted | logged in (right password) | refused (429), by policy "
            + "| PocketBase logged | real users' passwords checked | PocketBase CPU s | admitted p50 / p99 ms "
            + "| 429 p50 ms |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var storm in report.Storms)
        {
            var r = storm.Result;
            var byPolicy = r.ThrottledBy.Count == 0
                ? ""
                : " (" + string.Join(", ", r.ThrottledBy.Select(pair => $"{pair.Key} {pair.Value:N0}")) + ")";
            text.AppendLine($"| {Name(storm.Target)} | {r.Sent:N0} | {r.Elapsed.TotalSeconds:0.0} | {r.Admitted:N0} "
                + $"| {r.Succeeded:N0} of {r.CorrectSent:N0} | {r.Throttled:N0}{byPolicy} "
                + $"| {(storm.ReachedPocketBase is { } logged ? $"{logged.All:N0}" : "?")} | {r.RealUserChecks:N0} "
                + $"| {storm.PocketBaseCpuSeconds:0.0} | {Ms(r.AdmittedP50Ms)} / {Ms(r.AdmittedP99Ms)} "
                + $"| {Ms(r.ThrottledP50Ms)} |");
        }

        text.AppendLine();
        var hapta = report.Storms.FirstOrDefault(storm => storm.Target == BenchTarget.Hapta);
        if (hapta is not null)
        {
            var r = hapta.Result;
            text.AppendLine($"- Through Hapta, PocketBase logged "
                + $"{(hapta.ReachedPocketBase is { } logged ? $"{logged.All:N0}" : "?")} password logins for "
                + $"{r.Admitted:N0} admitted ({StormVerdict(hapta)}).");
            text.AppendLine(hapta.Bounds is { } bounds
                ? $"- What the limits allow over the storm's {r.Elapsed.TotalSeconds:0.0} s (from the quotas in "
                    + $"`RateLimit-Policy: {r.PolicyHeader}`, each bucket holding its quota and refilling at quota per "
                    + $"window): {StormPlan.Addresses} addresses × {bounds.ByAddress / StormPlan.Addresses:N0} = "
                    + $"{bounds.ByAddress:N0}, and {Identities} identities × {bounds.ByIdentity / Identities:N0} = "
                    + $"{bounds.ByIdentity:N0}"
                    + (bounds.ByCluster is { } cluster ? $", and the cluster's login limit {cluster:N0}" : "")
                    + $"; so at most {bounds.Bound:N0}. Admitted: {r.Admitted:N0}."
                : $"- No bound: Hapta announced no auth policies (`RateLimit-Policy: {r.PolicyHeader}`).");
            text.AppendLine($"- {r.CorrectSucceeded:N0} of the {r.CorrectSent:N0} logins with the right password "
                + "succeeded through Hapta: a real user shares the per-identity allowance with everyone guessing "
                + "their password, which is the price of that limit.");
            text.AppendLine($"- Headers: {r.ThrottledWithoutRetryAfter:N0} of the {r.Throttled:N0} 429s lacked "
                + $"`Retry-After`, and {r.WithoutRateLimitHeaders:N0} of the {r.Answered:N0} answers lacked "
                + "`RateLimit-Policy` or `RateLimit`.");
        }

        if (report.Storms.FirstOrDefault(storm => storm.Target == BenchTarget.PocketBase) is { } direct
            && hapta is not null)
        {
            text.AppendLine($"- Against PocketBase direct, {direct.Result.RealUserChecks:N0} password checks of the "
                + $"real users (bcrypt) in {direct.Result.Elapsed.TotalSeconds:0.0} s, "
                + $"{direct.PocketBaseCpuSeconds:0.0} CPU s; behind Hapta, {hapta.Result.RealUserChecks:N0} for the "
                + $"whole storm, {hapta.PocketBaseCpuSeconds:0.0} CPU s.");
            if (direct.Result.RealUserChecks > 0)
            {
                var perSecond = direct.Result.RealUserChecks / direct.Result.Elapsed.TotalSeconds;
                text.AppendLine($"- At that pace, PocketBase direct would take about "
                    + $"{direct.PlannedRealUserLogins / perSecond / 60:0.0} min for the storm's "
                    + $"{direct.PlannedRealUserLogins:N0} logins at real users (about "
                    + $"{direct.PocketBaseCpuSeconds / direct.Result.RealUserChecks:0.00} CPU s each), its cores busy "
                    + "with them throughout.");
            }
        }

        text.AppendLine();
    }

    private static void Overshoot(StringBuilder text, BenchReport report)
    {
        if (report.Overshoot is not { } overshoot)
        {
            return;
        }

        var r = overshoot.Result;
        text.AppendLine($"## W6: one global limit, {overshoot.Silos} silos").AppendLine();
        text.AppendLine("| limit | sent | req/s sent | admitted (per silo) | refused (429) | span s | allowed "
            + "| overshoot | used | PocketBase logged | admitted p50 / p99 ms | 429 p50 ms |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        text.AppendLine($"| {overshoot.Max} per {overshoot.Duration.TotalMilliseconds:0} ms, burst {overshoot.Burst} "
            + $"| {r.Sent:N0} | {r.Sent / r.SendingTime.TotalSeconds:N0} | {r.Admitted:N0} "
            + $"({string.Join(" + ", r.AdmittedPerSilo.Select(n => $"{n:N0}"))}) | {r.Throttled:N0} "
            + $"| {r.LastAdmittedAt.TotalSeconds:0.00} | {overshoot.Allowed:N0} | {overshoot.Overshoot:0.00%} "
            + $"| {overshoot.Used:0.0%} | {(overshoot.ReachedPocketBase is { } logged ? $"{logged.All:N0}" : "?")} "
            + $"| {Ms(r.AdmittedP50Ms)} / {Ms(r.AdmittedP99Ms)} | {Ms(r.ThrottledP50Ms)} |");
        text.AppendLine();
        var byPolicy = r.ThrottledBy.Count == 0
            ? "none"
            : string.Join(", ", r.ThrottledBy.Select(pair => $"{pair.Key} {pair.Value:N0}"));
        text.AppendLine($"Used: admitted as a share of allowed, what the limit let through of what it could (leases "
            + $"held by one silo while the other is refused cost some). Refused by policy: {byPolicy}; "
            + $"{r.ThrottledWithoutRetryAfter:N0} 429s lacked `Retry-After` and {r.WithoutRateLimitHeaders:N0} answers "
            + $"lacked `RateLimit-Policy` or `RateLimit`; {r.SocketErrors:N0} requests went unanswered"
            + (r.Failures.Count == 0 ? "." : "; other outcomes: "
                + string.Join(", ", r.Failures.Select(p => $"{p.Key} ({p.Value:N0})")) + "."));
        text.AppendLine();
    }

    private const int Identities = StormPlan.RealIdentities + StormPlan.MadeUpIdentities;

    /// <summary>The rows of issue #6 in the targets table.</summary>
    private static void LimitTargets(StringBuilder text, BenchReport report)
    {
        var storm = report.Storms.FirstOrDefault(s => s.Target == BenchTarget.Hapta);
        var admitted = storm?.Result.Admitted ?? -1;
        var logged = storm?.ReachedPocketBase?.All ?? -1;
        text.AppendLine("| W5: PocketBase sees only the logins Hapta admits "
            + (storm is null || logged < 0
                ? "| ? | ? |"
                : $"| {logged:N0} logged for {admitted:N0} admitted | {(logged == admitted ? "yes" : "no")} |"));
        text.AppendLine("| W5: no more logins admitted than the limits allow "
            + (storm?.Bounds is not { } bounds
                ? "| ? | ? |"
                : $"| {admitted:N0} for at most {bounds.Bound:N0} | {(admitted <= bounds.Bound ? "yes" : "no")} |"));
        text.AppendLine($"| W6: a global limit shared by {report.Overshoot?.Silos ?? 2} silos overshoots by ≤ 1% "
            + (report.Overshoot is not { } overshoot
                ? "| ? | ? |"
                : $"| {overshoot.Overshoot:0.00%} ({overshoot.Result.Admitted:N0} admitted, {overshoot.Allowed:N0} "
                    + $"allowed) | {(overshoot.Overshoot <= 0.01 ? "yes" : "no")} |"));
    }

    /// <summary>The facts of the rate-limit workloads, for "What the figures say".</summary>
    private static void LimitReading(StringBuilder text, BenchReport report)
    {
        var costs = report.Runs.Where(run => run.Workload == "W1" && run.Target == BenchTarget.Hapta)
            .Select(on => (on, off: Find(report, "W1", on.Connections, BenchTarget.HaptaUnlimited)))
            .Where(pair => pair.off is not null)
            .Select(pair => $"{Ratio(pair.on.RequestsPerSecond / pair.off!.RequestsPerSecond)} at "
                + $"c={pair.on.Connections} (p99 {Ms(pair.off.P99Ms)} → {Ms(pair.on.P99Ms)} ms)")
            .ToList();
        if (costs.Count > 0)
        {
            text.AppendLine($"- Rate limiting on versus off, W1 requests/s: {string.Join(", ", costs)}.");
        }

        if (report.Storms.FirstOrDefault(s => s.Target == BenchTarget.Hapta) is { } storm)
        {
            text.AppendLine($"- W5 through Hapta: {storm.Result.Throttled:N0} of {storm.Result.Sent:N0} logins refused "
                + $"with 429, {storm.Result.Admitted:N0} admitted, and PocketBase logged "
                + $"{(storm.ReachedPocketBase is { } logged ? $"{logged.All:N0}" : "?")}; behind Hapta it checked "
                + $"{storm.Result.RealUserChecks:N0} real users' passwords and used {storm.PocketBaseCpuSeconds:0.0} "
                + "CPU s.");
        }

        if (report.Overshoot is { } overshoot)
        {
            text.AppendLine($"- W6: {overshoot.Result.Admitted:N0} requests admitted through {overshoot.Silos} silos "
                + $"against {overshoot.Allowed:N0} allowed: overshoot {overshoot.Overshoot:0.00%}, "
                + $"{overshoot.Used:0.0%} of the limit used.");
        }
    }

    /// <summary>Whether PocketBase saw exactly the logins Hapta admitted.</summary>
    private static string StormVerdict(StormRecord storm) => storm.ReachedPocketBase is not { } logged
        ? "not counted"
        : logged.All == storm.Result.Admitted
            ? "equal: PocketBase saw only the admitted logins"
            : $"a difference of {logged.All - storm.Result.Admitted:+#,0;-#,0}";
}
