using System.Text;
using Hapta.Bench.Running;

namespace Hapta.Bench.Reporting;

internal static partial class ReportWriter
{
    /// <summary>The line of "What runs" on W8.</summary>
    private static void RealtimeMethod(StringBuilder text, BenchReport report)
    {
        if (report.Realtime is not { } r)
        {
            return;
        }

        text.AppendLine($"- **W8** (realtime fan-out, {r.Silos} silos): a fresh redis-server and {r.Silos} "
            + "`hapta-server` silos clustered through it, as W6, every limit out of reach. The driver opens "
            + $"{r.Subscribers:N0} guest subscribers, {r.Subscribers / r.Silos:N0} per silo, each a "
            + "`GET /api/realtime` "
            + "stream (its first frame `PB_CONNECT` names the client) subscribed to `posts/*` by a "
            + "`POST /api/realtime` sent to the other silo (Hapta routes it; 204 expected), and reads every stream "
            + $"with a task of its own over one connection each. Then a seed user creates {r.Writes} public posts "
            + $"directly in PocketBase, about {r.Writes / r.BurstSeconds:0} a second, and every subscriber must read "
            + "every create event. **latency**: from the moment the driver read PocketBase's 200 for a write to the "
            + "moment it read the event's data line on a stream, one clock (the driver's monotonic timestamps); "
            + $"stragglers are waited for up to {r.StragglerWait.TotalSeconds:0} s after the last write. "
            + "**PocketBase connections**: the TCP connections PocketBase held, of every kind (the change feed's "
            + "stream, the silos' connection pools, the driver's writes), counted from `/proc/net/tcp` once every "
            + "subscriber was in and again after the burst, the larger of the two. **PocketBase logged**: requests to "
            + "`/api/realtime` in PocketBase's own request log from the cluster's start until its silos stopped; "
            + "PocketBase 0.22 logs the subscription requests (`POST`) but never the streams (`GET`). PocketBase "
            + "direct is not a target: it would hold every subscriber's connection itself.");
    }

    private static void RealtimeFanOut(StringBuilder text, BenchReport report)
    {
        if (report.Realtime is not { } r)
        {
            return;
        }

        text.AppendLine("## W8: realtime fan-out").AppendLine();
        text.AppendLine("| subscribers connected | writes | events expected | received | missing | latency p50 / p90 "
            + "/ p99 / max ms | PocketBase connections | PocketBase logged: streams / subscriptions | peak MiB: "
            + string.Join(" / ", r.Usage.Select(u => u.Name)) + " | CPU s: "
            + string.Join(" / ", r.Usage.Select(u => u.Name)) + " |");
        text.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        text.AppendLine($"| {r.Connected:N0} of {r.Subscribers:N0} | {r.Writes} | {r.Expected:N0} | {r.Received:N0} "
            + $"| {r.Missing:N0} | {Ms(r.LatencyP50Ms)} / {Ms(r.LatencyP90Ms)} / {Ms(r.LatencyP99Ms)} "
            + $"/ {Ms(r.LatencyMaxMs)} | {r.PocketBaseConnections:N0} "
            + $"| {(r.ReachedPocketBase is { } logged ? $"{logged.Reads:N0} / {logged.Writes:N0}" : "?")} "
            + $"| {string.Join(" / ", r.Usage.Select(u => Mib(u.PeakMiB)))} "
            + $"| {string.Join(" / ", r.Usage.Select(u => $"{u.CpuSeconds:0.0}"))} |");
        text.AppendLine();
        var failures = r.Failures.Count == 0
            ? "none failed"
            : "failed: " + string.Join(", ", r.Failures.Select(p => $"{p.Key} ({p.Value:N0})"));
        text.AppendLine($"The subscribers connected in {r.ConnectSeconds:0.0} s ({failures}). The {r.Writes} writes "
            + $"took {r.BurstSeconds:0.0} s (PocketBase answered each in {Ms(r.WriteP50Ms)} ms at the median, "
            + $"{Ms(r.WriteMaxMs)} ms at most); every event had been read {r.WaitSeconds:0.0} s after the last "
            + (r.Missing == 0 ? "write. " : "write, or the wait ran out. ")
            + $"{r.Duplicates:N0} events were read twice by one subscriber, {r.Dropped:N0} streams ended before the "
            + $"driver closed them, and {r.ReadBeforeAcknowledged:N0} events were read before the driver had read "
            + "their write's answer (a negative latency: the event beat PocketBase's HTTP answer to the driver). "
            + $"Memory and CPU cover {r.Seconds:0.0} s, from the first stream opened to the last closed.");
        text.AppendLine();
    }

    /// <summary>W8's line of "What the figures say".</summary>
    private static void RealtimeReading(StringBuilder text, BenchReport report)
    {
        if (report.Realtime is not { } r)
        {
            return;
        }

        text.AppendLine($"- W8: {r.Received:N0} of {r.Expected:N0} create events reached {r.Connected:N0} subscribers "
            + $"on {r.Silos} silos ({r.Missing:N0} missing), p50 {Ms(r.LatencyP50Ms)} ms and p99 "
            + $"{Ms(r.LatencyP99Ms)} ms after PocketBase acknowledged the write, while PocketBase held "
            + $"{r.PocketBaseConnections:N0} TCP connections in all (not one per subscriber) and logged "
            + (r.ReachedPocketBase is { } logged ? $"{logged.Writes:N0}" : "?")
            + " subscription request(s) (`POST /api/realtime`).");
    }
}
