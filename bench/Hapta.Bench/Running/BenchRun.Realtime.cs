using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hapta.Bench.Load;
using Hapta.Bench.PocketBase;
using Hapta.Bench.Processes;

namespace Hapta.Bench.Running;

internal sealed partial class BenchRun
{
    /// <summary>W8's subscribers per silo; the cluster has two.</summary>
    private const int RealtimePerSilo = 1000;

    /// <summary>W8's burst: public posts created in PocketBase, one every <see cref="RealtimePace"/>.</summary>
    private const int RealtimeWrites = 50;

    private const string RealtimeTopic = "posts/*";

    private static readonly TimeSpan RealtimePace = TimeSpan.FromMilliseconds(100);

    /// <summary>How long W8 waits for stragglers after the last write was acknowledged.</summary>
    private static readonly TimeSpan StragglerWait = TimeSpan.FromSeconds(60);

    private RealtimeRecord? _realtime;

    /// <summary>
    /// W8: two silos clustered through Redis hold 1,000 guest subscribers each to <c>posts/*</c>, every one
    /// subscribed through the other silo; a seed user then creates public posts directly in PocketBase, and every
    /// subscriber must read every create event. Latency runs from the write's acknowledgement to the frame's
    /// reading, both on the driver's clock. What PocketBase holds meanwhile is counted twice: its open TCP connections,
    /// sampled once the subscribers are in and again after the burst, and its request log (read after the silos
    /// stop, so that their connections have ended).
    /// </summary>
    private async Task RunRealtimeAsync(SeedData seed, CancellationToken cancellationToken)
    {
        var writer = (await seed.LogInAsync(PocketBase.Url, 1, cancellationToken))[0];
        progress.Say("W8: starting redis-server and two hapta-server silos clustered through it, limits out of reach");
        var windowStart = time.GetUtcNow();
        await using var cluster = await StartClusterAsync(RateLimitSettings.Roomy, cancellationToken);
        var watched = cluster.Silos.Select((silo, i) => (Name: $"silo {i + 1}", silo.Process))
            .Append((Name: "PocketBase", PocketBase.Process))
            .ToList();
        var cpuBefore = watched.Select(p => p.Process.CpuTime).ToList();
        watched.ForEach(p => ProcStats.ResetPeak(p.Process.Id));

        var subscribers = RealtimePerSilo * cluster.Silos.Count;
        progress.Say($"W8: opening {subscribers:N0} subscribers to {RealtimeTopic}, {RealtimePerSilo:N0} per silo, "
            + "each subscribed through the other silo");
        var started = time.GetTimestamp();
        await using var fanOut = new RealtimeFanOut(time);
        await fanOut.OpenAsync(cluster.Urls, RealtimePerSilo, RealtimeTopic, cancellationToken);
        var connectSeconds = time.GetElapsedTime(started).TotalSeconds;
        var pocketBaseConnections = TcpConnections.EstablishedTo(PocketBase.Url.Port);
        progress.Say($"    {fanOut.Connected:N0} connected in {connectSeconds:0.0} s"
            + (fanOut.Failures.Count == 0 ? "" : "; failed: " + Describe(fanOut.Failures)));

        progress.Say($"W8: {RealtimeWrites} public posts created in PocketBase as {writer.UserId}, one every "
            + $"{RealtimePace.TotalMilliseconds:0} ms");
        var burstStart = time.GetTimestamp();
        var (acknowledged, writeTimes) = await WriteBurstAsync(writer, cancellationToken);
        var burstSeconds = time.GetElapsedTime(burstStart).TotalSeconds;
        pocketBaseConnections = Math.Max(pocketBaseConnections, TcpConnections.EstablishedTo(PocketBase.Url.Port));

        var lastAcknowledged = time.GetTimestamp();
        var whole = (long)fanOut.Connected * acknowledged.Count;
        while (fanOut.CreatesRead < whole && time.GetElapsedTime(lastAcknowledged) < StragglerWait)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }

        var waitSeconds = time.GetElapsedTime(lastAcknowledged).TotalSeconds;
        await fanOut.CloseAsync();
        var seconds = time.GetElapsedTime(started).TotalSeconds;
        var usage = watched.Select((p, i) => new ProcessUsage(
                p.Name, ProcStats.PeakMiB(p.Process.Id), (p.Process.CpuTime - cpuBefore[i]).TotalSeconds))
            .ToList();
        progress.Say("W8: stopping the silos, so that PocketBase logs the realtime connections they held");
        await cluster.StopSilosAsync();
        var windowEnd = time.GetUtcNow() + WindowPad;

        writeTimes.Sort();
        var (latencies, duplicates, early) = Tally(fanOut, acknowledged);
        _realtime = new RealtimeRecord
        {
            Silos = cluster.Silos.Count,
            Subscribers = subscribers,
            Connected = fanOut.Connected,
            Failures = new Dictionary<string, long>(fanOut.Failures),
            ConnectSeconds = connectSeconds,
            Writes = acknowledged.Count,
            BurstSeconds = burstSeconds,
            WriteP50Ms = Latency.PercentileMs(writeTimes, 50),
            WriteMaxMs = writeTimes.Count == 0 ? double.NaN : writeTimes[^1].TotalMilliseconds,
            Received = latencies.Count,
            Duplicates = duplicates,
            Dropped = fanOut.Dropped,
            StragglerWait = StragglerWait,
            WaitSeconds = waitSeconds,
            LatencyP50Ms = Latency.PercentileMs(latencies, 50),
            LatencyP90Ms = Latency.PercentileMs(latencies, 90),
            LatencyP99Ms = Latency.PercentileMs(latencies, 99),
            LatencyMaxMs = latencies.Count == 0 ? double.NaN : latencies[^1].TotalMilliseconds,
            ReadBeforeAcknowledged = early,
            Seconds = seconds,
            Usage = usage,
            PocketBaseConnections = pocketBaseConnections,
            Window = new LogWindow(windowStart, windowEnd, LogWindow.RealtimeUrl),
        };
        var r = _realtime;
        progress.Say($"    {r.Received:N0} of {r.Expected:N0} events read ({r.Missing:N0} missing, {r.Duplicates:N0} "
            + $"twice), {r.Dropped:N0} streams dropped; latency p50 {r.LatencyP50Ms:0.0} ms, p99 "
            + $"{r.LatencyP99Ms:0.0} ms, max {r.LatencyMaxMs:0.0} ms; all read {r.WaitSeconds:0.0} s after the last "
            + $"write; PocketBase held at most {r.PocketBaseConnections:N0} TCP connections");
        await Task.Delay(Gap, time, cancellationToken);
    }

    /// <summary>Creates W8's posts at its pace; answers each post's id with the driver's time of its 200.</summary>
    private async Task<(Dictionary<string, long> Acknowledged, List<TimeSpan> WriteTimes)> WriteBurstAsync(
        WriterAccount writer,
        CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = PocketBase.Url, Timeout = TimeSpan.FromSeconds(30) };
        var acknowledged = new Dictionary<string, long>(StringComparer.Ordinal);
        var writeTimes = new List<TimeSpan>();
        var start = time.GetTimestamp();
        for (var n = 0; n < RealtimeWrites; n++)
        {
            var due = RealtimePace * n - time.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, time, cancellationToken);
            }

            var content = string.Create(CultureInfo.InvariantCulture, $"W8 post {n + 1} by {writer.UserId}.");
            using var request = new HttpRequestMessage(HttpMethod.Post, LogWindow.RecordsUrl)
            {
                Content = JsonContent.Create(new { author = writer.UserId, content, @public = true }),
            };
            request.Headers.TryAddWithoutValidation("Authorization", writer.Token);
            var sent = time.GetTimestamp();
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var at = time.GetTimestamp();
            if (response.StatusCode != HttpStatusCode.OK || (string?)JsonNode.Parse(body)?["id"] is not { } id)
            {
                throw new BenchFailedException(
                    $"W8: creating a post in PocketBase answered {(int)response.StatusCode}: {body}");
            }

            acknowledged[id] = at;
            writeTimes.Add(time.GetElapsedTime(sent, at));
        }

        return (acknowledged, writeTimes);
    }

    /// <summary>The events each subscriber read of the burst's posts, once each, and their latencies.</summary>
    private (List<TimeSpan> Latencies, long Duplicates, long Early) Tally(
        RealtimeFanOut fanOut,
        Dictionary<string, long> acknowledged)
    {
        var latencies = new List<TimeSpan>();
        long duplicates = 0;
        long early = 0;
        foreach (var creates in fanOut.Received())
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (id, readAt) in creates)
            {
                if (!acknowledged.TryGetValue(id, out var at))
                {
                    continue;
                }

                if (!seen.Add(id))
                {
                    duplicates++;
                    continue;
                }

                early += readAt < at ? 1 : 0;
                latencies.Add(time.GetElapsedTime(at, readAt));
            }
        }

        latencies.Sort();
        return (latencies, duplicates, early);
    }

    private static string Describe(IReadOnlyDictionary<string, long> failures) =>
        string.Join(", ", failures.Select(pair => $"{pair.Key} ({pair.Value:N0})"));
}
