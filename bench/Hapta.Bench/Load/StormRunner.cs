using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hapta.Bench.Load;

/// <summary>
/// The load generator of W5: a fixed number of workers share one HttpClient and send the plan's password logins
/// in order, each with the attempt's client address in <c>X-Forwarded-For</c>, until the plan is done or the time
/// limit has passed (attempts already sent are then still awaited). Closed loop, like the mixes.
/// </summary>
internal sealed partial class StormRunner(TimeProvider time)
{
    private const string LoginPath = "/api/collections/users/auth-with-password";
    private const int MaxDistinctFailures = 20;

    public async Task<StormResult> RunAsync(
        Uri baseUrl,
        StormPlan plan,
        int concurrency,
        TimeSpan timeLimit,
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

        // Long: against PocketBase direct, a login waits behind every bcrypt check queued before it.
        using var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(120) };
        var run = new Run(plan, http, time.GetTimestamp(), timeLimit, cancellationToken);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => WorkerAsync(run)));
        var elapsed = time.GetElapsedTime(run.Started);

        run.ThrottledLatencies.Sort();
        run.AdmittedLatencies.Sort();
        return new StormResult
        {
            Elapsed = elapsed,
            StoppedByTimeLimit = run.TimedOut,
            Sent = run.Sent,
            Succeeded = run.Succeeded,
            Rejected = run.Rejected,
            Throttled = run.Throttled,
            OtherStatus = run.OtherStatus,
            SocketErrors = run.SocketErrors,
            ThrottledBy = new SortedDictionary<string, long>(run.ThrottledBy, StringComparer.Ordinal),
            RealUserChecks = run.RealUserChecks,
            CorrectSent = run.CorrectSent,
            CorrectSucceeded = run.CorrectSucceeded,
            ThrottledWithoutRetryAfter = run.ThrottledWithoutRetryAfter,
            WithoutRateLimitHeaders = run.WithoutRateLimitHeaders,
            PolicyHeader = run.PolicyHeader,
            ThrottledP50Ms = Latency.PercentileMs(run.ThrottledLatencies, 50),
            AdmittedP50Ms = Latency.PercentileMs(run.AdmittedLatencies, 50),
            AdmittedP99Ms = Latency.PercentileMs(run.AdmittedLatencies, 99),
            Failures = new Dictionary<string, long>(run.Failures, StringComparer.Ordinal),
        };
    }

    /// <summary>The policy a 429 names in its <c>detail</c> ("The auth limit of …"), or <c>global</c>.</summary>
    public static string RefusingPolicy(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var detail = document.RootElement.TryGetProperty("detail", out var value) ? value.GetString() ?? "" : "";
            var match = EdgePolicy().Match(detail);
            return match.Success ? match.Groups[1].Value
                : detail.Contains("global limit", StringComparison.Ordinal) ? "global"
                : "unnamed";
        }
        catch (JsonException)
        {
            return "unreadable";
        }
    }

    private async Task WorkerAsync(Run run)
    {
        var throttled = new List<TimeSpan>();
        var admitted = new List<TimeSpan>();
        while (true)
        {
            if (time.GetElapsedTime(run.Started) > run.TimeLimit)
            {
                run.TimedOut = true;
                break;
            }

            var index = Interlocked.Increment(ref run.Next) - 1;
            if (index >= run.Plan.Attempts.Length)
            {
                break;
            }

            await SendAsync(run, (int)index, throttled, admitted);
        }

        lock (run.Gate)
        {
            run.ThrottledLatencies.AddRange(throttled);
            run.AdmittedLatencies.AddRange(admitted);
        }
    }

    private async Task SendAsync(Run run, int index, List<TimeSpan> throttled, List<TimeSpan> admitted)
    {
        var attempt = run.Plan.Attempts[index];
        using var request = new HttpRequestMessage(HttpMethod.Post, LoginPath)
        {
            Content = JsonContent.Create(new
            {
                identity = run.Plan.IdentityOf(attempt),
                password = StormPlan.PasswordOf(attempt, index),
            }),
        };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", StormPlan.AddressOf(attempt));
        Interlocked.Increment(ref run.Sent);
        if (attempt.CorrectPassword)
        {
            Interlocked.Increment(ref run.CorrectSent);
        }

        var started = time.GetTimestamp();
        try
        {
            using var response = await run.Http.SendAsync(request, run.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(run.CancellationToken);
            var latency = time.GetElapsedTime(started);
            Record(run, attempt, response, body);
            (response.StatusCode == HttpStatusCode.TooManyRequests ? throttled : admitted).Add(latency);
        }
        catch (Exception ex) when (ex is HttpRequestException
            || (ex is TaskCanceledException && !run.CancellationToken.IsCancellationRequested))
        {
            Interlocked.Increment(ref run.SocketErrors);
            run.Fail("POST failed: " + ex.GetType().Name);
        }
    }

    private static void Record(Run run, StormAttempt attempt, HttpResponseMessage response, string body)
    {
        var hasPolicy = response.Headers.TryGetValues("RateLimit-Policy", out var policies);
        if (!hasPolicy || !response.Headers.Contains("RateLimit"))
        {
            Interlocked.Increment(ref run.WithoutRateLimitHeaders);
        }
        else
        {
            // The fullest header seen: a login refused early (per IP) names fewer policies than one admitted.
            var header = string.Join(", ", policies!);
            string? seen;
            do
            {
                seen = run.PolicyHeader;
            }
            while ((seen is null || seen.Length < header.Length)
                && Interlocked.CompareExchange(ref run.PolicyHeader, header, seen) != seen);
        }

        var status = (int)response.StatusCode;
        if (status == 429)
        {
            Interlocked.Increment(ref run.Throttled);
            run.ThrottledBy.AddOrUpdate(RefusingPolicy(body), 1, static (_, count) => count + 1);
            if (response.Headers.RetryAfter is null)
            {
                Interlocked.Increment(ref run.ThrottledWithoutRetryAfter);
            }

            return;
        }

        if (StormPlan.IsReal(attempt))
        {
            Interlocked.Increment(ref run.RealUserChecks);
        }

        var expected = attempt.CorrectPassword ? 200 : 400;
        if (status == 200)
        {
            Interlocked.Increment(ref run.Succeeded);
            if (attempt.CorrectPassword)
            {
                Interlocked.Increment(ref run.CorrectSucceeded);
            }
        }
        else if (status == 400)
        {
            Interlocked.Increment(ref run.Rejected);
        }
        else
        {
            Interlocked.Increment(ref run.OtherStatus);
        }

        if (status != expected)
        {
            run.Fail($"{(attempt.CorrectPassword ? "right" : "wrong")} password answered {status}");
        }
    }

    [GeneratedRegex(@"^The (\S+) limit of")]
    private static partial Regex EdgePolicy();

    /// <summary>The shared state of one storm; counters are updated with Interlocked.</summary>
    private sealed class Run(
        StormPlan plan,
        HttpClient http,
        long started,
        TimeSpan timeLimit,
        CancellationToken cancellationToken)
    {
#pragma warning disable CA1051 // Counters are fields so that Interlocked can take them by reference.
        public long Next;
        public long Sent;
        public long Succeeded;
        public long Rejected;
        public long Throttled;
        public long OtherStatus;
        public long SocketErrors;
        public long RealUserChecks;
        public long CorrectSent;
        public long CorrectSucceeded;
        public long ThrottledWithoutRetryAfter;
        public long WithoutRateLimitHeaders;
        public string? PolicyHeader;
        public volatile bool TimedOut;
#pragma warning restore CA1051

        public StormPlan Plan { get; } = plan;

        public HttpClient Http { get; } = http;

        public long Started { get; } = started;

        public TimeSpan TimeLimit { get; } = timeLimit;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public Lock Gate { get; } = new();

        public List<TimeSpan> ThrottledLatencies { get; } = [];

        public List<TimeSpan> AdmittedLatencies { get; } = [];

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
