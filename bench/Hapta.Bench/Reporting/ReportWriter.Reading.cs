using System.Text;
using Hapta.Bench.Running;

namespace Hapta.Bench.Reporting;

internal static partial class ReportWriter
{
    private static void Targets(StringBuilder text, BenchReport report)
    {
        text.AppendLine("## Targets").AppendLine();
        text.AppendLine("Set by issue #3 for Hapta with its cache (#5) and sessions (#4), and by issue #6 for its rate "
            + "limits.").AppendLine();
        text.AppendLine("| goal | measured | met |").AppendLine("|---|---|---|");

        var w1 = RatiosVersus(report, "W1", BenchTarget.PocketBase);
        text.AppendLine($"| W1: Hapta ≥ 10× PocketBase req/s | {Describe(w1)} | {Met(w1, r => r >= 10)} |");
        var w2 = RatiosVersus(report, "W2", BenchTarget.PocketBase);
        text.AppendLine($"| W2: Hapta ≥ 20× PocketBase req/s | {Describe(w2)} | {Met(w2, r => r >= 20)} |");
        var kestrel = RatiosVersus(report, "W1", BenchTarget.Kestrel)
            .Concat(RatiosVersus(report, "W2", BenchTarget.Kestrel))
            .ToList();
        text.AppendLine($"| Hapta ≥ 0.5× the bare Kestrel endpoint | {Describe(kestrel, withWorkload: true)} "
            + $"| {Met(kestrel, r => r >= 0.5)} |");

        var w3 = Find(report, "W3", report.Options.Connections, BenchTarget.Hapta);
        var share = w3?.ReachedPocketBase is { } reached && w3.ReadsSent > 0
            ? 100.0 * reached.Reads / w3.ReadsSent
            : double.NaN;
        text.AppendLine($"| W3: PocketBase receives ≤ 2% of the reads, cold start included "
            + (double.IsNaN(share) ? "| ? | ? |" : $"| {share:0.0}% | {(share <= 2 ? "yes" : "no")} |"));

        var w3w = Find(report, "W3w", report.Options.Connections, BenchTarget.Hapta)?.Mix;
        var stale = w3w is null ? -1 : w3w.StaleProbeReads + w3w.StaleMixReads;
        text.AppendLine($"| W3w: 0 stale reads through Hapta | {(stale < 0 ? "?" : $"{stale:N0}")} "
            + $"| {(stale < 0 ? "?" : stale == 0 ? "yes" : "no")} |");
        LimitTargets(text, report);
        text.AppendLine();
    }

    /// <summary>Facts read off the figures, so that the report says them even before a person adds notes.</summary>
    private static void Reading(StringBuilder text, BenchReport report)
    {
        text.AppendLine("## What the figures say").AppendLine();
        var w1 = RatiosVersus(report, "W1", BenchTarget.PocketBase);
        var w2 = RatiosVersus(report, "W2", BenchTarget.PocketBase);
        text.AppendLine($"- Hapta versus PocketBase direct, requests/s: W1 {Describe(w1)}; W2 {Describe(w2)}. "
            + "A cached read is answered by Hapta alone: the entry's grain, on the silo, holds PocketBase's bytes, "
            + "and PocketBase is asked again only after a change it must reflect.");

        var single = Find(report, "W1", 1, BenchTarget.Hapta);
        var singleDirect = Find(report, "W1", 1, BenchTarget.PocketBase);
        if (single is not null && singleDirect is not null)
        {
            text.AppendLine($"- At one connection, Hapta adds {single.P50Ms - singleDirect.P50Ms:0.00} ms to "
                + $"the median view ({singleDirect.P50Ms:0.00} → {single.P50Ms:0.00} ms).");
        }

        var kestrel = RatiosVersus(report, "W1", BenchTarget.Kestrel)
            .Concat(RatiosVersus(report, "W2", BenchTarget.Kestrel))
            .ToList();
        text.AppendLine($"- Against the bare Kestrel ceiling, Hapta reaches {Describe(kestrel, withWorkload: true)} "
            + "of its requests/s.");
        FileReading(text, report);
        RealtimeReading(text, report);

        var direct = report.Runs.Where(run => run.Target == BenchTarget.PocketBase && run.ReachedPocketBase is not null)
            .ToList();
        if (direct.Count > 0)
        {
            var sent = direct.Sum(run => run.Requests);
            var logged = direct.Sum(run => run.ReachedPocketBase!.All);
            text.AppendLine($"- The count checks itself: over the PocketBase-direct runs the load generators "
                + $"received {sent:N0} answers and PocketBase logged {logged:N0} requests "
                + $"({100.0 * (logged - sent) / sent:+0.00;-0.00}%; requests still in flight when wrk stops are "
                + "logged but not counted by wrk).");
        }

        var w3 = Find(report, "W3", report.Options.Connections, BenchTarget.Hapta);
        if (w3?.ReachedPocketBase is { } reached && w3.ReadsSent > 0)
        {
            text.AppendLine($"- W3: {reached.Reads:N0} of Hapta's {w3.ReadsSent:N0} reads reached PocketBase "
                + $"({100.0 * reached.Reads / w3.ReadsSent:0.0}%; the target is ≤ 2%).");
        }

        foreach (var run in report.Runs.Where(run => run.Workload == "W3w" && run.Mix is not null))
        {
            var mix = run.Mix!;
            text.AppendLine($"- W3w through {Name(run.Target)}: {mix.StaleProbeReads + mix.StaleMixReads:N0} "
                + $"stale reads ({mix.StaleProbeReads:N0} in {mix.ProbeReads:N0} probe reads, {mix.StaleMixReads:N0} "
                + $"in {mix.Reads:N0} other reads) after {mix.Writes:N0} writes.");
        }

        LimitReading(text, report);
        var failing = report.Runs.Where(run => run.Errors > 0).ToList();
        text.AppendLine(failing.Count == 0
            ? "- No run had an error."
            : "- Errors: " + string.Join("; ", failing.Select(run => 
                $"{run.Workload} c={run.Connections} {Name(run.Target)}: {run.Errors:N0} ({run.ErrorDetail})")) + ".");
        text.AppendLine();
    }

    /// <summary>Hapta's requests/s over <paramref name="baseline"/>'s, per connection count of a workload.</summary>
    private static List<(string Workload, int Connections, double Ratio)> RatiosVersus(
        BenchReport report,
        string workload,
        BenchTarget baseline) =>
        [.. report.Runs
            .Where(run => run.Workload == workload && run.Target == BenchTarget.Hapta)
            .Select(run => (run, other: Find(report, workload, run.Connections, baseline)))
            .Where(pair => pair.other is not null)
            .Select(pair => (
                workload,
                pair.run.Connections,
                pair.run.RequestsPerSecond / pair.other!.RequestsPerSecond))];

    private static string Describe(
        IReadOnlyList<(string Workload, int Connections, double Ratio)> ratios,
        bool withWorkload = false) =>
        ratios.Count == 0
            ? "?"
            : string.Join(", ", ratios.Select(r =>
                $"{Ratio(r.Ratio)} at {(withWorkload ? r.Workload + " " : "")}c={r.Connections}"));

    private static string Met(
        IReadOnlyList<(string Workload, int Connections, double Ratio)> ratios,
        Func<double, bool> goal) =>
        ratios.Count == 0 ? "?" : ratios.All(r => goal(r.Ratio)) ? "yes" : "no";
}
