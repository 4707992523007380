using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace Hapta.Bench.Load;

/// <summary>
/// The load generator of W6: open loop, it sends requests at a fixed rate for a fixed time, whatever the answers,
/// to several silos in turn. Each request is a list of posts with a filter of its own (<c>content!='…-n'</c>), so
/// that no two share a cache entry and every one that is admitted costs a call to PocketBase. At most
/// <c>maxInFlight</c> requests wait for an answer at once; beyond that the sender falls behind its schedule, which
/// the result shows as a lower rate.
/// </summary>
internal sealed class PacedRunner(TimeProvider time)
{
    private const int MaxDistinctFailures = 20;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(5);

    private const string ListPath = "/api/collections/posts/records?perPage=1&filter=";

    /// <summary>The paths of a run marked <paramref name="marker"/>, unescaped, for the report.</summary>
    public static string Template(string marker) => ListPath + $"content!='{marker}-<n>'";

    public async Task<PacedResult> RunAsync(
        IReadOnlyList<Uri> silos,
        string marker,
        int rate,
        TimeSpan duration,
        int maxInFlight,
        CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxInFlight,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var slots = new SemaphoreSlim(maxInFlight);
        var run = new Run(silos.Count, time.GetTimestamp());
        var total = (long)(rate * duration.TotalSeconds);
        var pending = new List<Task>((int)total);
        for (long sent = 0; sent < total;)
        {
            var due = Math.Min(total, (long)(time.GetElapsedTime(run.Started).TotalSeconds * rate) + 1);
            for (; sent < due; sent++)
            {
                await slots.WaitAsync(cancellationToken);
                var silo = (int)(sent % silos.Count);
                pending.Add(SendAsync(run, http, new Uri(silos[silo], PathOf(marker, sent)), silo, slots,
                    cancellationToken));
            }

            await Task.Delay(Tick, time, cancellationToken);
        }

        var sendingTime = time.GetElapsedTime(run.Started);
        await Task.WhenAll(pending);
        var elapsed = time.GetElapsedTime(run.Started);
        run.Admitted.Sort();
        run.Refused.Sort();
        return new PacedResult
        {
            Rate = rate,
            SendingTime = sendingTime,
            LastAdmittedAt = TimeSpan.FromTicks(Interlocked.Read(ref run.LastAdmittedTicks)),
            Elapsed = elapsed,
            Sent = pending.Count,
            Succeeded = run.Succeeded,
            Throttled = run.Throttled,
            OtherStatus = run.OtherStatus,
            SocketErrors = run.SocketErrors,
            AdmittedPerSilo = [.. run.AdmittedPerSilo],
            ThrottledBy = new SortedDictionary<string, long>(run.ThrottledBy, StringComparer.Ordinal),
            ThrottledWithoutRetryAfter = run.ThrottledWithoutRetryAfter,
            WithoutRateLimitHeaders = run.WithoutRateLimitHeaders,
            AdmittedP50Ms = Latency.PercentileMs(run.Admitted, 50),
            AdmittedP99Ms = Latency.PercentileMs(run.Admitted, 99),
            ThrottledP50Ms = Latency.PercentileMs(run.Refused, 50),
            Failures = new Dictionary<string, long>(run.Failures, StringComparer.Ordinal),
        };
    }

    /// <summary>The path of request <paramref name="sequence"/> of a run marked <paramref name="marker"/>.</summary>
    private static string PathOf(string marker, long sequence) =>
        ListPath + Uri.EscapeDataString(string.Create(CultureInfo.InvariantCulture, $"content!='{marker}-{sequence}'"));

    private async Task SendAsync(
        Run run,
        HttpClient http,
        Uri url,
        int silo,
        SemaphoreSlim slots,
        CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var answeredAt = time.GetElapsedTime(run.Started);
            var latency = time.GetElapsedTime(started);
            if (!response.Headers.Contains("RateLimit-Policy") || !response.Headers.Contains("RateLimit"))
            {
                Interlocked.Increment(ref run.WithoutRateLimitHeaders);
            }

            var status = (int)response.StatusCode;
            if (status == 429)
            {
                Interlocked.Increment(ref run.Throttled);
                run.ThrottledBy.AddOrUpdate(StormRunner.RefusingPolicy(body), 1, static (_, count) => count + 1);
                if (response.Headers.RetryAfter is null)
                {
                    Interlocked.Increment(ref run.ThrottledWithoutRetryAfter);
                }

                lock (run.Gate)
                {
                    run.Refused.Add(latency);
                }

                return;
            }

            Interlocked.Increment(ref status == 200 ? ref run.Succeeded : ref run.OtherStatus);
            Interlocked.Increment(ref run.AdmittedPerSilo[silo]);
            if (status != 200)
            {
                run.Fail(string.Create(CultureInfo.InvariantCulture, $"GET answered {status}"));
            }

            lock (run.Gate)
            {
                run.Admitted.Add(latency);
                run.LastAdmittedTicks = Math.Max(run.LastAdmittedTicks, answeredAt.Ticks);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Interlocked.Increment(ref run.SocketErrors);
            run.Fail("GET failed: " + ex.GetType().Name);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>The shared state of one run; counters are updated with Interlocked.</summary>
    private sealed class Run(int silos, long started)
    {
#pragma warning disable CA1051 // Counters are fields so that Interlocked can take them by reference.
        public readonly long[] AdmittedPerSilo = new long[silos];
        public long Succeeded;
        public long Throttled;
        public long OtherStatus;
        public long SocketErrors;
        public long ThrottledWithoutRetryAfter;
        public long WithoutRateLimitHeaders;
        public long LastAdmittedTicks;
#pragma warning restore CA1051

        public long Started { get; } = started;

        public Lock Gate { get; } = new();

        public List<TimeSpan> Admitted { get; } = [];

        public List<TimeSpan> Refused { get; } = [];

        public ConcurrentDictionary<string, long> ThrottledBy { get; } = new(StringComparer.Ordinal);

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
