using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hapta.Bench.PocketBase;

namespace Hapta.Bench.Load;

/// <summary>
/// The load generator for the mixes (W3, W3w, W4): a fixed number of workers share one HttpClient
/// (SocketsHttpHandler, one connection per worker) and take the plan's operations in order until it is done
/// or the time limit has passed. Closed loop, like wrk: a worker sends its next request when the last one
/// has been answered.
/// </summary>
internal sealed class MixRunner(TimeProvider time)
{
    private const string Records = "/api/collections/posts/records";
    private const int MaxDistinctFailures = 20;

    public async Task<MixResult> RunAsync(
        Uri baseUrl,
        MixPlan plan,
        IReadOnlyList<WriterAccount> accounts,
        int concurrency,
        TimeSpan timeLimit,
        StalenessTracker? tracker,
        CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        using var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var run = new Run(plan, accounts, http, tracker, time.GetTimestamp(), timeLimit, cancellationToken);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => WorkerAsync(run)));
        var elapsed = time.GetElapsedTime(run.Started);

        run.ReadLatencies.Sort();
        run.WriteLatencies.Sort();
        return new MixResult
        {
            Elapsed = elapsed,
            StoppedByTimeLimit = run.TimedOut,
            Reads = run.Reads,
            HiddenViews = run.HiddenViews,
            Writes = run.Writes,
            ProbeReads = run.ProbeReads,
            StatusErrors = run.StatusErrors,
            SocketErrors = run.SocketErrors,
            StaleMixReads = run.StaleMixReads,
            StaleProbeReads = run.StaleProbeReads,
            ReadP50Ms = Latency.PercentileMs(run.ReadLatencies, 50),
            ReadP99Ms = Latency.PercentileMs(run.ReadLatencies, 99),
            WriteP50Ms = Latency.PercentileMs(run.WriteLatencies, 50),
            WriteP99Ms = Latency.PercentileMs(run.WriteLatencies, 99),
            Failures = new Dictionary<string, long>(run.Failures, StringComparer.Ordinal),
        };
    }

    private async Task WorkerAsync(Run run)
    {
        var reads = new List<TimeSpan>();
        var writes = new List<TimeSpan>();
        while (true)
        {
            if (time.GetElapsedTime(run.Started) > run.TimeLimit)
            {
                run.TimedOut = true;
                break;
            }

            var index = Interlocked.Increment(ref run.Next) - 1;
            if (index >= run.Plan.Operations.Length)
            {
                break;
            }

            var operation = run.Plan.Operations[index];
            switch (operation.Kind)
            {
                case MixKind.View:
                    var post = run.Plan.PostsByRank[operation.Target];
                    var viewer = ReaderOf(run, operation);
                    var expected = post.IsPublic || viewer?.UserId == post.AuthorId ? 200 : 404;
                    await ReadAsync(
                        run, $"{Records}/{post.Id}", viewer?.Token, expected, page: 0, reads, probe: false);
                    break;
                case MixKind.Page:
                    await ReadAsync(
                        run,
                        PagePath(operation.Target),
                        ReaderOf(run, operation)?.Token,
                        200,
                        operation.Target,
                        reads,
                        probe: false);
                    break;
                default:
                    await WriteAsync(run, operation, writes);
                    break;
            }
        }

        lock (run.Gate)
        {
            run.ReadLatencies.AddRange(reads);
            run.WriteLatencies.AddRange(writes);
        }
    }

    private static WriterAccount? ReaderOf(Run run, MixOperation operation) =>
        operation.Reader < 0 ? null : run.Accounts[operation.Reader];

    private static string PagePath(int page) =>
        string.Create(CultureInfo.InvariantCulture, $"{Records}?page={page}&perPage={MixPlan.PerPage}&sort=-created");

    // token: the reader's, or null for a guest; page: the feed page read, or 0 for a view of one post;
    // probe: a read of the W3w probe.
    private async Task ReadAsync(
        Run run,
        string path,
        string? token,
        int expected,
        int page,
        List<TimeSpan> latencies,
        bool probe)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        var started = time.GetTimestamp();
        try
        {
            using var response = await run.Http.SendAsync(request, run.CancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(run.CancellationToken);
            if (!probe)
            {
                latencies.Add(time.GetElapsedTime(started));
            }

            Interlocked.Increment(ref probe ? ref run.ProbeReads : ref run.Reads);
            var status = (int)response.StatusCode;
            if (status != expected)
            {
                Interlocked.Increment(ref run.StatusErrors);
                run.Fail(string.Create(
                    CultureInfo.InvariantCulture, $"GET {(page == 0 ? "view" : "page")} answered {status}"));
                return;
            }

            if (status == 404)
            {
                Interlocked.Increment(ref run.HiddenViews);
            }
            else if (run.Tracker is { } tracker && IsStale(tracker, body, page, started))
            {
                Interlocked.Increment(ref probe ? ref run.StaleProbeReads : ref run.StaleMixReads);
            }
        }
        catch (Exception ex) when (IsSocketFailure(ex, run.CancellationToken))
        {
            Interlocked.Increment(ref probe ? ref run.ProbeReads : ref run.Reads);
            Interlocked.Increment(ref run.SocketErrors);
            run.Fail("GET failed: " + ex.GetType().Name);
        }
    }

    private async Task WriteAsync(Run run, MixOperation operation, List<TimeSpan> latencies)
    {
        var writer = run.Accounts[operation.Target];
        var sequence = Interlocked.Increment(ref run.WriteSequence);
        var content = string.Create(CultureInfo.InvariantCulture, $"Bench write {sequence} by {writer.UserId}.");
        using var request = operation.Kind == MixKind.Create
            ? new HttpRequestMessage(HttpMethod.Post, Records)
            {
                Content = JsonContent.Create(new { author = writer.UserId, content, @public = true }),
            }
            : new HttpRequestMessage(HttpMethod.Patch, $"{Records}/{writer.PublicPostIds[operation.Post]}")
            {
                Content = JsonContent.Create(new { content }),
            };
        request.Headers.TryAddWithoutValidation("Authorization", writer.Token);

        var started = time.GetTimestamp();
        RecordVersion written;
        try
        {
            using var response = await run.Http.SendAsync(request, run.CancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(run.CancellationToken);
            latencies.Add(time.GetElapsedTime(started));
            Interlocked.Increment(ref run.Writes);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref run.StatusErrors);
                run.Fail(string.Create(
                    CultureInfo.InvariantCulture, $"{request.Method} answered {(int)response.StatusCode}"));
                return;
            }

            using var document = JsonDocument.Parse(body);
            written = VersionOf(document.RootElement);
        }
        catch (Exception ex) when (IsSocketFailure(ex, run.CancellationToken))
        {
            Interlocked.Increment(ref run.Writes);
            Interlocked.Increment(ref run.SocketErrors);
            run.Fail($"{request.Method} failed: {ex.GetType().Name}");
            return;
        }

        run.Tracker?.Acknowledge(written, operation.Kind == MixKind.Create, time.GetTimestamp());

        // The probe: right after the acknowledgement, the written post and the first feed page must show it,
        // to a guest (the post is public).
        await ReadAsync(run, $"{Records}/{written.Id}", null, 200, page: 0, latencies, probe: true);
        await ReadAsync(run, PagePath(1), null, 200, page: 1, latencies, probe: true);
    }

    private static bool IsStale(StalenessTracker tracker, byte[] body, int page, long readStartedAt)
    {
        using var document = JsonDocument.Parse(body);
        if (page == 0)
        {
            return tracker.IsStaleRecord(VersionOf(document.RootElement), readStartedAt);
        }

        var items = document.RootElement.GetProperty("items").EnumerateArray().Select(VersionOf).ToList();
        return tracker.IsStalePage(page, items, MixPlan.PerPage, readStartedAt);
    }

    private static RecordVersion VersionOf(JsonElement record) => new(
        record.GetProperty("id").GetString()!,
        record.GetProperty("created").GetString()!,
        record.GetProperty("updated").GetString()!);

    private static bool IsSocketFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>The shared state of one run; counters are updated with Interlocked.</summary>
    private sealed class Run(
        MixPlan plan,
        IReadOnlyList<WriterAccount> accounts,
        HttpClient http,
        StalenessTracker? tracker,
        long started,
        TimeSpan timeLimit,
        CancellationToken cancellationToken)
    {
#pragma warning disable CA1051 // Counters are fields so that Interlocked can take them by reference.
        public long Next;
        public long Reads;
        public long HiddenViews;
        public long Writes;
        public long WriteSequence;
        public long ProbeReads;
        public long StatusErrors;
        public long SocketErrors;
        public long StaleMixReads;
        public long StaleProbeReads;
        public volatile bool TimedOut;
#pragma warning restore CA1051

        public MixPlan Plan { get; } = plan;

        public IReadOnlyList<WriterAccount> Accounts { get; } = accounts;

        public HttpClient Http { get; } = http;

        public StalenessTracker? Tracker { get; } = tracker;

        public long Started { get; } = started;

        public TimeSpan TimeLimit { get; } = timeLimit;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public Lock Gate { get; } = new();

        public List<TimeSpan> ReadLatencies { get; } = [];

        public List<TimeSpan> WriteLatencies { get; } = [];

        public ConcurrentDictionary<string, long> Failures { get; } = new(StringComparer.Ordinal);

        public void Fail(string what)
        {
            if (Failures.Count < MaxDistinctFailures || Failures.ContainsKey(what))
            {
                Failures.AddOrUpdate(what, 1, static (_, count) => count + 1);
            }
        }
    }
}
