using System.Globalization;
using Hapta.Bench.Load;
using Hapta.Bench.PocketBase;

namespace Hapta.Bench.Running;

internal sealed partial class BenchRun
{
    /// <summary>
    /// W3 (reads, half of them by logged-in users), W3w (the same with 1% writes, and the staleness probe) and
    /// W4 (the same reads, all by logged-in users), each against PocketBase direct and against a freshly
    /// started Hapta, so that Hapta starts cold. The order of the targets alternates from one mix to the next.
    /// </summary>
    /// <remarks>
    /// The accounts log in at PocketBase once (its tokens outlive the run) and at Hapta after each restart: a
    /// single silo keeps its sessions in memory, so a restart ends them.
    /// </remarks>
    private async Task RunMixesAsync(SeedData seed, CancellationToken cancellationToken)
    {
        if (!options.Runs("W3") && !options.Runs("W3w") && !options.Runs("W4"))
        {
            return;
        }

        var runner = new MixRunner(time);
        progress.Say($"logging {options.LoggedInUsers} seed users in directly at PocketBase (bcrypt: a few seconds)");
        var direct = await seed.LogInAsync(PocketBase.Url, options.LoggedInUsers, cancellationToken);

        if (options.Runs("W3"))
        {
            var readPlan = MixPlan.Build(seed.Posts, options.MixReads, 0, 0.5, direct);
            progress.Say($"W3: {readPlan.Reads:N0} reads (70% Zipf views, 30% feed pages 1-5), "
                + $"{readPlan.LoggedInReads:N0} of them by {direct.Count} logged-in users, {options.Connections} "
                + $"connections, at most {options.MixTimeLimit.TotalSeconds:0} s per target");
            await MixAsync("W3", BenchTarget.PocketBase, runner, readPlan, direct, cancellationToken);
            var throughHapta = await RestartHaptaAndLogInAsync(seed, cancellationToken);
            await MixAsync("W3", BenchTarget.Hapta, runner, readPlan, throughHapta, cancellationToken);
        }

        if (options.Runs("W3w"))
        {
            var writePlan = MixPlan.Build(seed.Posts, options.MixReads, 0.01, 0.5, direct);
            progress.Say($"W3w: the same {writePlan.Reads:N0} reads plus {writePlan.Writes:N0} writes (creates and "
                + "updates), each followed by a probe read of the post and of feed page 1");
            var throughHapta = await RestartHaptaAndLogInAsync(seed, cancellationToken);
            await MixAsync("W3w", BenchTarget.Hapta, runner, writePlan, throughHapta, cancellationToken);
            await MixAsync("W3w", BenchTarget.PocketBase, runner, writePlan, direct, cancellationToken);
        }

        if (options.Runs("W4"))
        {
            var userPlan = MixPlan.Build(seed.Posts, options.MixReads, 0, 1, direct);
            progress.Say($"W4: the same {userPlan.Reads:N0} reads, all by the {direct.Count} logged-in users");
            await MixAsync("W4", BenchTarget.PocketBase, runner, userPlan, direct, cancellationToken);
            var throughHapta = await RestartHaptaAndLogInAsync(seed, cancellationToken);
            await MixAsync("W4", BenchTarget.Hapta, runner, userPlan, throughHapta, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<WriterAccount>> RestartHaptaAndLogInAsync(
        SeedData seed,
        CancellationToken cancellationToken)
    {
        await RestartHaptaAsync(cancellationToken);
        progress.Say($"  logging the {options.LoggedInUsers} users in through Hapta: each gets a Hapta session");
        return await seed.LogInAsync(Hapta.Url, options.LoggedInUsers, cancellationToken);
    }

    private async Task MixAsync(
        string workload,
        BenchTarget target,
        MixRunner runner,
        MixPlan plan,
        IReadOnlyList<WriterAccount> accounts,
        CancellationToken cancellationToken)
    {
        var url = target == BenchTarget.Hapta ? Hapta.Url : PocketBase.Url;
        progress.Say($"{workload} c={options.Connections} {target}: {plan.Operations.Length:N0} operations, {url}");
        var tracker = plan.Writes > 0 ? new StalenessTracker() : null;
        await MeasureAsync(
            workload,
            options.Connections,
            target,
            async token =>
            {
                var mix = await runner.RunAsync(
                    url, plan, accounts, options.Connections, options.MixTimeLimit, tracker, token);
                if (mix.StoppedByTimeLimit)
                {
                    progress.Say($"    stopped by the time limit after {mix.Reads:N0} of {plan.Reads:N0} reads");
                }

                return new RunRecord
                {
                    Workload = workload,
                    Connections = options.Connections,
                    Target = target,
                    Window = new LogWindow(default, default),
                    Requests = mix.Requests,
                    Seconds = mix.Elapsed.TotalSeconds,
                    P50Ms = mix.ReadP50Ms,
                    P99Ms = mix.ReadP99Ms,
                    Errors = mix.StatusErrors + mix.SocketErrors,
                    ErrorDetail = string.Join(
                        "; ",
                        mix.Failures.Select(pair =>
                            string.Create(CultureInfo.InvariantCulture, $"{pair.Key}: {pair.Value}"))),
                    Mix = mix,
                };
            },
            cancellationToken);
    }
}
