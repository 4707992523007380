using System.Globalization;
using Hapta.Bench.Load;
using Hapta.Bench.PocketBase;

namespace Hapta.Bench.Running;

internal sealed partial class BenchRun
{
    /// <summary>
    /// W3 (reads only, guests) and W3w (the same reads with 1% writes by logged-in users, and the staleness
    /// probe), each against PocketBase direct and against a freshly started Hapta, so that Hapta starts cold.
    /// W3 runs PocketBase first, W3w Hapta first.
    /// </summary>
    /// <remarks>
    /// Writers log in at PocketBase for the direct run. For the Hapta run they log in through Hapta when it
    /// has a login route, and otherwise send their PocketBase tokens, which Hapta passes through before #4.
    /// </remarks>
    private async Task RunMixesAsync(SeedData seed, MixPlan readPlan, CancellationToken cancellationToken)
    {
        var runner = new MixRunner(time);
        progress.Say($"W3: {readPlan.Reads:N0} guest reads (70% Zipf views, 30% feed pages 1-5), "
            + $"{options.Connections} connections, at most {options.MixTimeLimit.TotalSeconds:0} s per target");
        await MixAsync("W3", BenchTarget.PocketBase, runner, readPlan, [], cancellationToken);
        await RestartHaptaAsync(cancellationToken);
        await MixAsync("W3", BenchTarget.Hapta, runner, readPlan, [], cancellationToken);

        // TODO(#4): W3 stays guests only and W4 (the W3 mix as logged-in users) is missing; once sessions
        // exist, W3 becomes half guests and half the logged-in writers, and W4 is added.
        progress.Say($"logging {options.LoggedInUsers} seed users in directly at PocketBase (bcrypt: a few seconds)");
        var writers = (await seed.LogInWritersAsync(PocketBase.Url, options.LoggedInUsers, false, cancellationToken))!;
        var writePlan = MixPlan.Build(seed.Posts, options.MixReads, 0.01, writers);
        progress.Say($"W3w: the same {writePlan.Reads:N0} reads plus {writePlan.Writes:N0} writes (creates and "
            + "updates), each followed by a probe read of the post and of feed page 1");
        await RestartHaptaAsync(cancellationToken);
        var haptaWriters = await seed.LogInWritersAsync(Hapta.Url, options.LoggedInUsers, true, cancellationToken);
        _writersLoggedInThroughHapta = haptaWriters is not null;
        progress.Say(haptaWriters is null
            ? "  Hapta has no login route yet: through Hapta, writers send their PocketBase tokens (passed through)"
            : "  the writers logged in through Hapta too, and send Hapta's tokens to it");
        await MixAsync("W3w", BenchTarget.Hapta, runner, writePlan, haptaWriters ?? writers, cancellationToken);
        await MixAsync("W3w", BenchTarget.PocketBase, runner, writePlan, writers, cancellationToken);
    }

    private async Task MixAsync(
        string workload,
        BenchTarget target,
        MixRunner runner,
        MixPlan plan,
        IReadOnlyList<WriterAccount> writers,
        CancellationToken cancellationToken)
    {
        var url = target == BenchTarget.Hapta ? Hapta.Url : PocketBase.Url;
        progress.Say($"{workload} c={options.Connections} {target}: {plan.Operations.Length:N0} operations, {url}");
        var tracker = writers.Count > 0 ? new StalenessTracker() : null;
        await MeasureAsync(
            workload,
            options.Connections,
            target,
            async token =>
            {
                var mix = await runner.RunAsync(
                    url, plan, writers, options.Connections, options.MixTimeLimit, tracker, token);
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
