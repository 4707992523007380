using System.Globalization;
using Hapta.Bench.Load;
using Hapta.Bench.PocketBase;
using Hapta.Bench.Processes;

namespace Hapta.Bench.Running;

internal sealed partial class BenchRun
{
    private const string FeedQuery = "?sort=-created&perPage=20";
    private static readonly int[] FixedConnections = [1, 64];

    /// <summary>How long each unrecorded warm-up run lasts: 2 s, or a measured run's length if shorter.</summary>
    private TimeSpan WarmUpTime => TimeSpan.FromSeconds(Math.Min(2, options.FixedDuration.TotalSeconds));

    private static string ViewPath(SeedPost post) => "/api/collections/posts/records/" + post.Id;

    private static string FeedPath => "/api/collections/posts/records" + FeedQuery;

    /// <summary>
    /// Asks Hapta for the W1 and W2 responses and W7's two files once, and starts the bare Kestrel endpoint with those
    /// very bytes. The files must be the bytes uploaded.
    /// </summary>
    private async Task<BodySizes> StartKestrelAsync(SeedPost viewed, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(options.ResultsDirectory, "kestrel");
        Directory.CreateDirectory(directory);
        using var http = new HttpClient { BaseAddress = Hapta.Url, Timeout = TimeSpan.FromSeconds(30) };
        using var w1 = await http.GetAsync(ViewPath(viewed), cancellationToken);
        using var w2 = await http.GetAsync(FeedPath, cancellationToken);
        if (!w1.IsSuccessStatusCode || !w2.IsSuccessStatusCode)
        {
            throw new BenchFailedException(
                $"Hapta answered {(int)w1.StatusCode} for W1 and {(int)w2.StatusCode} for W2 before any load");
        }

        var w1Body = await w1.Content.ReadAsByteArrayAsync(cancellationToken);
        var w2Body = await w2.Content.ReadAsByteArrayAsync(cancellationToken);
        var contentType = w1.Content.Headers.ContentType?.ToString() ?? "application/json";
        await File.WriteAllBytesAsync(Path.Combine(directory, "w1.body"), w1Body, cancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(directory, "w2.body"), w2Body, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "content-type"), contentType, cancellationToken);
        foreach (var (name, file) in new[] { ("w7s", Media.Small), ("w7l", Media.Large) })
        {
            var (body, type) = await DownloadAsync(
                http, new Uri(Hapta.Url, Media.PathOf(file)), file, cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(directory, name + ".body"), body, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(directory, name + ".content-type"), type, cancellationToken);
        }

        progress.Say($"starting the bare Kestrel endpoint with Hapta's W1 body ({w1Body.Length} B), "
            + $"W2 body ({w2Body.Length} B) and W7 files ({Media.Small.Length:N0} B and {Media.Large.Length:N0} B)");
        _kestrel = await FixedServer.StartAsync(
            directory, Path.Combine(options.ResultsDirectory, "kestrel.log"), _pids, time, cancellationToken);
        progress.Say($"  {Kestrel.Url} (pid {Kestrel.Process.Id}) is ready");
        return new BodySizes(w1Body.Length, w2Body.Length, contentType, viewed.Id, Media);
    }

    /// <summary>A short unrecorded run per target and URL: JIT and connection set-up stay out of the figures.</summary>
    private async Task WarmUpAsync(WrkRunner wrk, SeedPost viewed, CancellationToken cancellationToken)
    {
        var workloads = new[] { "W1", "W2" }
            .Where(workload => options.Runs(workload) || (workload == "W1" && options.Runs("W1u")))
            .ToList();
        progress.Say($"warming up every target for {WarmUpTime.TotalSeconds:0} s per URL (not recorded)");
        foreach (var target in Enum.GetValues<BenchTarget>())
        {
            foreach (var workload in workloads)
            {
                if (target == BenchTarget.HaptaUnlimited && (workload != "W1" || _unlimited is null))
                {
                    continue;
                }

                await wrk.RunAsync(
                    UrlOf(target, workload, viewed),
                    64,
                    WarmUpTime,
                    Path.Combine(options.ResultsDirectory, $"warmup-{workload}-{target}.txt"),
                    authorization: null,
                    cancellationToken);
            }
        }

        await Task.Delay(Gap, time, cancellationToken);
    }

    /// <summary>
    /// W1 (view one post) and W2 (feed page 1) at 1 and 64 connections, then W1u: W1 as a logged-in user, with
    /// PocketBase's token direct and Hapta's through Hapta, which measures what checking a session costs. W1 also
    /// runs against the Hapta with rate limiting off, right after or before the one with limits on, which measures
    /// what the limiter costs. Within each case the targets run back to back, and the order flips from one case to
    /// the next, so that drift of the machine hits all.
    /// </summary>
    private async Task RunFixedWorkloadsAsync(
        WrkRunner wrk,
        SeedPost viewed,
        FixedUser? user,
        CancellationToken cancellationToken)
    {
        var forward = new[]
        {
            BenchTarget.PocketBase, BenchTarget.Hapta, BenchTarget.HaptaUnlimited, BenchTarget.Kestrel,
        };
        foreach (var workload in new[] { "W1", "W2", "W1u" }.Where(options.Runs))
        {
            foreach (var connections in FixedConnections)
            {
                var targets = workload switch
                {
                    "W1" => forward,
                    "W2" => forward.Where(target => target != BenchTarget.HaptaUnlimited).ToArray(),
                    _ => forward[..2],
                };
                foreach (var target in InTurn(targets))
                {
                    var url = UrlOf(target, workload, viewed);
                    var authorization = workload != "W1u" || user is null ? null
                        : target == BenchTarget.Hapta ? user.HaptaToken
                        : user.PocketBaseToken;
                    progress.Say(
                        $"{workload} c={connections} {Label(target)}: wrk {options.FixedDuration.TotalSeconds:0} s, "
                        + url
                        + (authorization is null ? "" : " as a logged-in user"));
                    await MeasureAsync(
                        workload,
                        connections,
                        target,
                        async token =>
                        {
                            var output = Path.Combine(
                                options.ResultsDirectory,
                                string.Create(
                                    CultureInfo.InvariantCulture, $"wrk-{workload}-c{connections}-{target}.txt"));
                            var summary = await wrk.RunAsync(
                                url, connections, options.FixedDuration, output, authorization, token);
                            return FromWrk(summary, LogWindow.RecordsUrl);
                        },
                        cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// The targets of one case, in the order they run: forward and backward in turn from one case to the next, over
    /// all the wrk workloads, so that drift of the machine hits every target alike.
    /// </summary>
    private IEnumerable<BenchTarget> InTurn(BenchTarget[] targets) =>
        _fixedCases++ % 2 == 0 ? targets : targets.Reverse();

    private Uri UrlOf(BenchTarget target, string workload, SeedPost viewed)
    {
        var view = workload is "W1" or "W1u";
        return target switch
        {
            BenchTarget.PocketBase => new Uri(PocketBase.Url, view ? ViewPath(viewed) : FeedPath),
            BenchTarget.Hapta => new Uri(Hapta.Url, view ? ViewPath(viewed) : FeedPath),
            BenchTarget.HaptaUnlimited => new Uri(Unlimited.Url, view ? ViewPath(viewed) : FeedPath),
            _ => new Uri(Kestrel.Url, view ? "/w1" : "/w2"),
        };
    }

    private static string Label(BenchTarget target) =>
        target == BenchTarget.HaptaUnlimited ? "Hapta (limits off)" : target.ToString();

    /// <summary>
    /// A wrk run as a record; <paramref name="logUrl"/> says which of PocketBase's logged requests belong to it. With
    /// <paramref name="fileLength"/>, every answer must carry the whole file: answers that wrk's byte count falls short
    /// of (requests × file length), counted in files, are errors too. wrk itself only counts statuses of 400 and
    /// more, and nothing here sends a header that could make a 2xx or 3xx other than 200 (a range, a condition).
    /// </summary>
    private static RunRecord FromWrk(WrkSummary summary, string logUrl, int? fileLength = null)
    {
        var shortAnswers = fileLength is { } length
            ? Math.Max(0, (summary.Requests * length - summary.Bytes + length - 1) / length)
            : 0;
        var errors = summary.StatusErrors + summary.SocketErrors + shortAnswers;
        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"status>=400: {summary.StatusErrors}, connect: {summary.ConnectErrors}, read: {summary.ReadErrors}, "
            + $"write: {summary.WriteErrors}, timeout: {summary.Timeouts}");
        return new RunRecord
        {
            Workload = "",
            Connections = 0,
            Target = BenchTarget.PocketBase,
            Window = new LogWindow(default, default, logUrl),
            Requests = summary.Requests,
            Seconds = summary.DurationUs / 1e6,
            P50Ms = summary.P50Us / 1000.0,
            P99Ms = summary.P99Us / 1000.0,
            Bytes = summary.Bytes,
            Errors = errors,
            ErrorDetail = errors == 0 ? ""
                : fileLength is null ? detail
                : $"{detail}, short of the file: {shortAnswers}",
        };
    }

    /// <summary>The user of W1u, logged in at PocketBase and through Hapta.</summary>
    private sealed record FixedUser(string PocketBaseToken, string HaptaToken);
}
