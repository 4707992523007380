using System.Text;
using Hapta.Bench.Load;
using Hapta.Bench.Running;

namespace Hapta.Bench.Reporting;

/// <summary>
/// Renders <c>docs/benchmarks.md</c>. Everything is generated from the run, except the block between the
/// notes markers, which is carried over from the previous report so that a person's reading survives.
/// Numbers are formatted in the invariant culture: the build sets InvariantGlobalization (Directory.Build.props).
/// </summary>
internal static partial class ReportWriter
{
    private const string NotesBegin = "<!-- notes:begin -->";
    private const string NotesEnd = "<!-- notes:end -->";

    public static string Write(BenchReport report, string? previous)
    {
        var text = new StringBuilder();
        Header(text, report);
        Machine(text, report);
        Method(text, report);
        text.AppendLine("## Results").AppendLine();
        text.AppendLine(ResultsTable(report));
        Writes(text, report);
        Sessions(text, report);
        LimiterCost(text, report);
        LoginStorm(text, report);
        Overshoot(text, report);
        FileDownloads(text, report);
        RealtimeFanOut(text, report);
        Targets(text, report);
        Reading(text, report);
        text.AppendLine("## Notes").AppendLine();
        text.AppendLine(NotesBegin);
        text.AppendLine(KeptNotes(previous) ?? "(Nothing yet: a person's reading of the figures goes here.)");
        text.AppendLine(NotesEnd);
        return text.ToString();
    }

    public static string ResultsTable(BenchReport report)
    {
        var text = new StringBuilder();
        text.AppendLine("| workload | conns | target | requests | req/s | MiB/s | p50 ms | p99 ms | errors "
            + "| reached PocketBase | ÷ PocketBase | ÷ Kestrel | peak MiB: target / PocketBase "
            + "| CPU cores: target / PocketBase / load |");
        text.AppendLine("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var run in report.Runs)
        {
            var direct = run.Target == BenchTarget.PocketBase;
            var pocketBase = Find(report, run.Workload, run.Connections, BenchTarget.PocketBase);
            var kestrel = Find(report, run.Workload, run.Connections, BenchTarget.Kestrel);
            var versusPocketBase = run.Target != BenchTarget.PocketBase && pocketBase is not null
                ? Ratio(run.RequestsPerSecond / pocketBase.RequestsPerSecond)
                : "";
            var versusKestrel = kestrel is not null && run.Target is BenchTarget.Hapta or BenchTarget.HaptaUnlimited
                ? Ratio(run.RequestsPerSecond / kestrel.RequestsPerSecond)
                : "";
            text.AppendLine($"| {run.Workload} | {run.Connections} | {Name(run.Target)} | {run.Requests:N0} "
                + $"| {run.RequestsPerSecond:N0} | {Rate(run.MiBPerSecond)} | {Ms(run.P50Ms)} | {Ms(run.P99Ms)} "
                + $"| {run.Errors:N0} "
                + $"| {Reached(run)} | {versusPocketBase} | {versusKestrel} "
                + $"| {Mib(run.TargetPeakMiB)} / {(direct ? "″" : Mib(run.PocketBasePeakMiB))} "
                + $"| {run.TargetCores:0.00} / {(direct ? "″" : Cores(run.PocketBaseCores))} "
                + $"/ {run.LoadGeneratorCores:0.00} |");
        }

        return text.ToString();
    }

    private static void Header(StringBuilder text, BenchReport report)
    {
        var options = report.Options;
        text.AppendLine("# Benchmarks").AppendLine();
        text.AppendLine("<!-- Written by Scripts/bench.sh (bench/Hapta.Bench). A run rewrites all of this file except "
            + "the notes block at the end. -->").AppendLine();
        text.AppendLine($"Run of {report.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC on revision "
            + $"`{options.Revision}`; it took {Duration(report.Duration)}. Command:").AppendLine();
        text.AppendLine("```sh").AppendLine(options.Command).AppendLine("```").AppendLine();
        text.AppendLine($"**Read the ratios, not the absolute figures.** The load generator, PocketBase, Hapta and "
            + $"the Kestrel endpoint share this machine's {report.Machine.Cores} cores, other work may run beside them "
            + "(see the load average), and absolute figures move by tens of percent from one run to the next. "
            + "Targets and PocketBase run alternately, so drift hits them alike.").AppendLine();
        if (options.Only is { } only)
        {
            text.AppendLine($"A partial run: only {string.Join(", ", only)} (`--only`).").AppendLine();
        }
    }

    private static void Machine(StringBuilder text, BenchReport report)
    {
        var machine = report.Machine;
        var load = report.Load;
        text.AppendLine("## Machine").AppendLine();
        text.AppendLine("| | |").AppendLine("|---|---|");
        text.AppendLine($"| CPU | {machine.Cores} cores, {machine.CpuModel} |");
        text.AppendLine($"| memory | {machine.MemoryGiB:0.0} GiB |");
        text.AppendLine($"| system | {machine.OperatingSystem}, Linux {machine.Kernel} |");
        text.AppendLine($"| load average (1 min) | {load.Before:0.00} before, {load.Mean:0.00} mean and "
            + $"{load.Max:0.00} peak during, {load.After:0.00} after |");
        text.AppendLine($"| software | {machine.PocketBase}; {machine.DotNet}; {machine.Wrk}; {machine.Redis} |")
            .AppendLine();
    }

    private static void Method(StringBuilder text, BenchReport report)
    {
        var options = report.Options;
        var bodies = report.Bodies;
        var w3w = Find(report, "W3w", options.Connections, BenchTarget.Hapta)?.Mix;
        var cut = report.Runs.Where(run => run.Mix is { StoppedByTimeLimit: true })
            .Select(run => $"{run.Workload} {Name(run.Target)} after {run.Mix!.Reads:N0} reads")
            .ToList();
        text.AppendLine("## What runs").AppendLine();
        text.AppendLine("- **Data**: a fresh PocketBase 0.22.20 with the project migrations and the bench seed "
            + "(`bench/pb_migrations`): 100 users, 1,000 posts, one in ten private.");
        text.AppendLine("- **Targets**: PocketBase direct; Hapta (one `hapta-server` silo, Release build) in front of "
            + "the same PocketBase; and a bare Kestrel endpoint (`hapta-bench fixed-server`) that answers with the "
            + $"bytes Hapta answered for W1 ({bodies.W1Bytes} B) and W2 ({bodies.W2Bytes} B), and for W7's files, the "
            + "ceiling of this machine for such a response. Hapta caches reads (#5): W1 and W2 are answered from the "
            + "cache after their first request. W5, W6 and W8 start Haptas of their own.");
        // A partial run (--only) describes what it ran, and the workloads those lines refer to.
        if (options.Runs("W1") || options.Runs("W2") || options.Runs("W1u"))
        {
            text.AppendLine("- **W1**: a guest views one post "
                + $"(`GET /api/collections/posts/records/{bodies.ViewedPostId}`, the most popular public post of W3); "
                + $"wrk, {options.FixedDuration.TotalSeconds:0} s per target, 1 and 64 connections, after a short "
                + "unrecorded warm-up.");
        }

        if (options.Runs("W2"))
        {
            text.AppendLine("- **W2**: a guest reads the feed "
                + "(`GET /api/collections/posts/records?sort=-created&perPage=20`); as W1.");
        }

        if (options.Runs("W1u"))
        {
            text.AppendLine("- **W1u**: W1 as a logged-in user, at 1 and 64 connections, PocketBase and Hapta only: "
                + "PocketBase gets the user's PocketBase token, Hapta the Hapta token of a session opened through it. "
                + "Set against W1, it is what checking a token costs each of them.");
        }

        if (options.Runs("W3") || options.Runs("W3w") || options.Runs("W4"))
        {
            text.AppendLine($"- **W3**: {options.MixReads:N0} reads from a cold start (Hapta restarted), "
                + $"{options.Connections} connections: 70% views of a post drawn from a Zipf distribution "
                + $"(s = {MixPlan.ZipfExponent}) over the 1,000 posts, 30% feed pages 1–5 (perPage=20). "
                + $"Half the reads are a guest's, half are spread over {options.LoggedInUsers} logged-in seed users, "
                + "each with their own token: PocketBase's direct; through Hapta, the Hapta token of a login through "
                + "Hapta (after each restart of Hapta, which ends its in-memory sessions). A view of a private post "
                + "must answer 404 unless its author asks, and counts as expected. A run stops taking new requests "
                + $"after {options.MixTimeLimit.TotalSeconds:0} s"
                + (cut.Count == 0
                    ? " (no run was cut short)."
                    : $"; cut short by that limit: {string.Join(", ", cut)}."));
        }

        if (options.Runs("W3w"))
        {
            text.AppendLine($"- **W3w**: the same reads with 1% writes ({w3w?.Writes ?? 0:N0} creates and updates of "
                + "public posts) by the same logged-in users. After each acknowledged write, the post and feed page 1 "
                + "are read by a guest (the probe); a read is **stale** if it started after a write was acknowledged "
                + "and shows an older version of a post, or a page 1 that lacks a newer post it had to hold. Every "
                + "read of the mix is checked as well. Hapta runs first here.");
        }

        if (options.Runs("W4"))
        {
            text.AppendLine("- **W4**: the W3 reads, all of them by the logged-in users.");
        }

        LimitsMethod(text, report);
        FilesMethod(text, report);
        RealtimeMethod(text, report);
        text.AppendLine("- **errors**: a status other than the expected one (2xx; 404 for a private post; 200 for W7), "
            + "socket errors and timeouts. **MiB/s**: wrk's transfer rate, the bytes it received (headers included) "
            + "over the run's time, which wrk prints as MB/s. **reached PocketBase**: record requests (W7: file "
            + "downloads) that PocketBase itself logged during the run (its request log, read through the admin API "
            + "after the load); the share is of the reads sent. "
            + "**peak MiB**: VmHWM of the process during the run (the mark is reset before each run). "
            + "**CPU cores**: CPU time used over the run's wall time by the target, by PocketBase behind it, and by "
            + "the load generator (wrk, or the driver's own mix generator).");
        text.AppendLine();
    }

    private static void Writes(StringBuilder text, BenchReport report)
    {
        var rows = report.Runs.Where(run => run.Workload == "W3w" && run.Mix is not null).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        text.AppendLine("## W3w: writes, staleness, and what a write costs PocketBase").AppendLine();
        text.AppendLine("| target | reads | writes | write p50 / p99 ms | probe reads | stale: probe "
            + "| stale: other reads | PocketBase logged: reads / writes | PocketBase reads per write |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var run in rows)
        {
            var mix = run.Mix!;
            var reached = run.ReachedPocketBase;
            text.AppendLine($"| {Name(run.Target)} | {mix.Reads:N0} | {mix.Writes:N0} "
                + $"| {Ms(mix.WriteP50Ms)} / {Ms(mix.WriteP99Ms)} | {mix.ProbeReads:N0} | {mix.StaleProbeReads:N0} "
                + $"| {mix.StaleMixReads:N0} | {(reached is null ? "?" : $"{reached.Reads:N0} / {reached.Writes:N0}")} "
                + $"| {ReadsPerWrite(report, run)} |");
        }

        text.AppendLine();
        text.AppendLine("PocketBase reads per write: the reads PocketBase logged in W3w beyond what the same reads "
            + "cost it in W3 (W3's share of reads reaching PocketBase, times W3w's mix reads), divided by the writes. "
            + "The probe reads are part of it, so without a cache it is about 2: the two probe reads. Through Hapta, "
            + "a create ends the cached view of its post and every cached list of the collection (one version "
            + "number: a new post shifts every page of the feed), and an update of a post's content ends its view "
            + "and only the list pages that hold it; either costs a read of each ended entry that is asked for again "
            + "before the next write.");
        text.AppendLine();
    }

    /// <summary>W1u against W1: what checking a token costs PocketBase direct and Hapta; then W4 against W3.</summary>
    private static void Sessions(StringBuilder text, BenchReport report)
    {
        var rows = report.Runs.Where(run => run.Workload == "W1u").ToList();
        if (rows.Count == 0)
        {
            return;
        }

        text.AppendLine("## Sessions: what checking a token costs").AppendLine();
        text.AppendLine("| target | conns | guest (W1) req/s | user (W1u) req/s | user ÷ guest | guest p50 ms "
            + "| user p50 ms | added per request, µs of wall time |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var user in rows)
        {
            var guest = Find(report, "W1", user.Connections, user.Target);
            if (guest is null)
            {
                continue;
            }

            var added = 1e6 / user.RequestsPerSecond - 1e6 / guest.RequestsPerSecond;
            text.AppendLine($"| {Name(user.Target)} | {user.Connections} | {guest.RequestsPerSecond:N0} "
                + $"| {user.RequestsPerSecond:N0} | {Ratio(user.RequestsPerSecond / guest.RequestsPerSecond)} "
                + $"| {Ms(guest.P50Ms)} | {Ms(user.P50Ms)} | {added:0} |");
        }

        text.AppendLine();
        text.AppendLine("Added per request: the inverse of the user's throughput minus that of the guest's, at one "
            + "connection the extra latency of a request, at 64 the extra machine time per request. PocketBase checks "
            + "its token and loads the user's record from SQLite; Hapta checks its signature, asks the session grain, "
            + "and PocketBase then does its own check of the user's PocketBase token behind it.");
        text.AppendLine();

        var w3 = Find(report, "W3", report.Options.Connections, BenchTarget.Hapta);
        var w4 = Find(report, "W4", report.Options.Connections, BenchTarget.Hapta);
        var w4Direct = Find(report, "W4", report.Options.Connections, BenchTarget.PocketBase);
        if (w3 is not null && w4 is not null && w4Direct is not null)
        {
            text.AppendLine($"W4 (all reads by logged-in users) through Hapta: {w4.RequestsPerSecond:N0} req/s, "
                + $"{Ratio(w4.RequestsPerSecond / w3.RequestsPerSecond)} of W3 (half guests) through Hapta and "
                + $"{Ratio(w4.RequestsPerSecond / w4Direct.RequestsPerSecond)} of W4 against PocketBase direct.");
            text.AppendLine();
        }
    }

    private static string ReadsPerWrite(BenchReport report, RunRecord w3w)
    {
        var w3 = Find(report, "W3", w3w.Connections, w3w.Target);
        if (w3?.ReachedPocketBase is not { } before || w3w.ReachedPocketBase is not { } after
            || w3w.Mix is not { Writes: > 0 } mix || w3.ReadsSent == 0)
        {
            return "?";
        }

        var expected = (double)before.Reads / w3.ReadsSent * mix.Reads;
        return $"{(after.Reads - expected) / mix.Writes:0.00}";
    }

    private static string? KeptNotes(string? previous)
    {
        if (previous is null)
        {
            return null;
        }

        var begin = previous.IndexOf(NotesBegin, StringComparison.Ordinal);
        var end = previous.IndexOf(NotesEnd, StringComparison.Ordinal);
        return begin < 0 || end < begin ? null : previous[(begin + NotesBegin.Length)..end].Trim('\n');
    }

    private static RunRecord? Find(BenchReport report, string workload, int connections, BenchTarget target) =>
        report.Runs.FirstOrDefault(run =>
            run.Workload == workload && run.Connections == connections && run.Target == target);

    private static string Reached(RunRecord run)
    {
        if (run.ReachedPocketBase is not { } reached)
        {
            return "?";
        }

        return run.ReadsSent == 0
            ? $"{reached.All:N0}"
            : $"{reached.All:N0} ({100.0 * reached.Reads / run.ReadsSent:0.0}%)";
    }

    private static string Name(BenchTarget target) => target switch
    {
        BenchTarget.PocketBase => "PocketBase",
        BenchTarget.Hapta => "Hapta",
        BenchTarget.HaptaUnlimited => "Hapta, limits off",
        _ => "Kestrel",
    };

    private static string Ratio(double value) => value < 0.1 ? $"{value:0.000}×" : $"{value:0.00}×";

    private static string Ms(double value) => double.IsNaN(value) ? "–" : $"{value:0.00}";

    private static string Rate(double? value) => value is { } v ? $"{v:N1}" : "–";

    private static string Mib(double? value) => value is { } v ? $"{v:0}" : "–";

    private static string Cores(double? value) => value is { } v ? $"{v:0.00}" : "–";

    private static string Duration(TimeSpan duration) =>
        $"{(int)duration.TotalMinutes} min {duration.Seconds} s";

}
