using Hapta.Bench.Load;
using Hapta.Bench.PocketBase;
using Hapta.Bench.Processes;

namespace Hapta.Bench.Running;

internal sealed partial class BenchRun
{
    /// <summary>Through Hapta the storm ends when its attempts are done; this only guards against a hang.</summary>
    private static readonly TimeSpan StormSafetyLimit = TimeSpan.FromSeconds(120);

    /// <summary>
    /// W5, a login storm: the same password logins from 200 client addresses, first against a Hapta with the
    /// default limits that believes 127.0.0.1 as a proxy (so the addresses in X-Forwarded-For count), then against
    /// PocketBase direct, which checks every one and is therefore cut off after
    /// <see cref="BenchOptions.StormTimeLimit"/>.
    /// </summary>
    private async Task RunLoginStormAsync(SeedData seed, CancellationToken cancellationToken)
    {
        var plan = StormPlan.Build(seed.Users);
        var runner = new StormRunner(time);
        progress.Say($"W5: a storm of {plan.Attempts.Length:N0} password logins from {StormPlan.Addresses} client "
            + $"addresses, at {StormPlan.RealIdentities} real users ({StormPlan.CorrectShare:0%} with the right "
            + $"password) and {StormPlan.MadeUpIdentities} made-up ones, {options.Connections} connections");
        progress.Say("starting a hapta-server with the default rate limits, believing 127.0.0.1 as a proxy");
        await using (var hapta = await StartHaptaAsync(
            "Hapta (default limits)", "hapta-storm", RateLimitSettings.DefaultsBehindLoopbackProxy, cancellationToken))
        {
            progress.Say($"  {hapta.Url} (pid {hapta.Process.Id}) is ready");
            await StormAsync(BenchTarget.Hapta, hapta.Url, runner, plan, StormSafetyLimit, cancellationToken);
        }

        await StormAsync(
            BenchTarget.PocketBase, PocketBase.Url, runner, plan, options.StormTimeLimit, cancellationToken);
    }

    private async Task StormAsync(
        BenchTarget target,
        Uri url,
        StormRunner runner,
        StormPlan plan,
        TimeSpan timeLimit,
        CancellationToken cancellationToken)
    {
        progress.Say($"W5 c={options.Connections} {target}: {plan.Attempts.Length:N0} logins, {url}"
            + (target == BenchTarget.PocketBase ? $", sending for at most {timeLimit.TotalSeconds:0} s" : ""));
        var pocketBaseCpu = PocketBase.Process.CpuTime;
        var start = time.GetUtcNow();
        var result = await runner.RunAsync(url, plan, options.Connections, timeLimit, cancellationToken);
        var end = time.GetUtcNow();
        var record = new StormRecord
        {
            Target = target,
            Window = new LogWindow(start, end + WindowPad, LogWindow.PasswordLoginUrl),
            Result = result,
            PlannedRealUserLogins = plan.Attempts.Count(StormPlan.IsReal),
            PocketBaseCpuSeconds = (PocketBase.Process.CpuTime - pocketBaseCpu).TotalSeconds,
            Bounds = target == BenchTarget.Hapta ? StormBounds.Of(result) : null,
        };
        _storms.Add(record);

        progress.Say($"    {result.Sent:N0} sent in {result.Elapsed.TotalSeconds:0.0} s: {result.Admitted:N0} admitted "
            + $"({result.Succeeded:N0} logged in, {result.RealUserChecks:N0} checks of a real user's password), "
            + $"{result.Throttled:N0} refused with 429, {result.SocketErrors:N0} unanswered; PocketBase used "
            + $"{record.PocketBaseCpuSeconds:0.0} CPU s");
        if (record.Bounds is { } bounds)
        {
            progress.Say($"    the limits admit at most {bounds.Bound:N0} logins ({bounds.ByAddress:N0} by address, "
                + $"{bounds.ByIdentity:N0} by identity, "
                + (bounds.ByCluster is { } cluster
                    ? $"{cluster:N0} by the cluster's login limit)"
                    : "no login limit)"));
        }
        else if (target == BenchTarget.Hapta)
        {
            progress.Say($"    no bound: Hapta announced no auth policies (RateLimit-Policy: {result.PolicyHeader})");
        }

        await Task.Delay(Gap, time, cancellationToken);
    }
}
