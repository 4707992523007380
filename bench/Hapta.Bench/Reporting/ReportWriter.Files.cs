using System.Text;
using Hapta.Bench.Running;

namespace Hapta.Bench.Reporting;

internal static partial class ReportWriter
{
    /// <summary>The line of "What runs" on W7, when it ran.</summary>
    private static void FilesMethod(StringBuilder text, BenchReport report)
    {
        if (!report.Runs.Any(IsFileRun))
        {
            return;
        }

        var media = report.Bodies.Media;
        text.AppendLine("- **W7** (file downloads): one record of `media` (`bench/pb_migrations`), a collection whose "
            + "file field is not protected, so that anyone may download its files, holding two files of random bytes "
            + "that the driver uploads as the admin, straight to PocketBase, before any load: "
            + $"**W7s** `{media.Small.Name}` ({media.Small.Length:N0} B) and **W7l** `{media.Large.Name}` "
            + $"({media.Large.Length:N0} B). A guest downloads one of them (`GET {media.PathOf(media.Small)}`); wrk, "
            + $"{report.Options.FixedDuration.TotalSeconds:0} s per target, at {ConnectionsOf(report, "W7s")} "
            + $"connections for W7s and {ConnectionsOf(report, "W7l")} for W7l, after a short unrecorded warm-up; "
            + "in a full run it follows W1u, against the same Hapta and Kestrel. Hapta keeps a file anyone may "
            + "download in its memory when it is at most 1 MiB (its default `Hapta:Files:CacheMaxFileBytes`): it "
            + "answers W7s from there after the first download, and streams W7l from PocketBase on every request. "
            + "Kestrel answers `/w7s` and `/w7l` with the bytes Hapta answered and their content type, without "
            + "PocketBase's other headers. Before the load, every target must answer each file with 200 and its exact "
            + "bytes. During it, any other answer is an error: wrk counts statuses of 400 and more, and as no request "
            + "carries a range or a condition, a 2xx or 3xx other than 200 would come without the file, so the "
            + "answers wrk's byte count falls short of (requests × file length, in files) are counted too.");
    }

    /// <summary>W7 side by side: each file and connection count, the three targets in one row.</summary>
    private static void FileDownloads(StringBuilder text, BenchReport report)
    {
        var rows = report.Runs.Where(run => IsFileRun(run) && run.Target == BenchTarget.Hapta).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        text.AppendLine("## W7: file downloads").AppendLine();
        text.AppendLine("| file | conns | req/s: PocketBase / Hapta / Kestrel | MiB/s: PocketBase / Hapta / Kestrel "
            + "| Hapta ÷ PocketBase | Hapta ÷ Kestrel | p50 ms: PocketBase / Hapta / Kestrel "
            + "| reached PocketBase through Hapta | CPU ms per MiB: PocketBase / Hapta and PocketBase / Kestrel |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var hapta in rows)
        {
            var direct = Find(report, hapta.Workload, hapta.Connections, BenchTarget.PocketBase);
            var kestrel = Find(report, hapta.Workload, hapta.Connections, BenchTarget.Kestrel);
            RunRecord?[] three = [direct, hapta, kestrel];
            string Each(Func<RunRecord, string> figure) =>
                string.Join(" / ", three.Select(run => run is null ? "–" : figure(run)));

            text.AppendLine($"| {FileLabel(report, hapta.Workload)} | {hapta.Connections} "
                + $"| {Each(run => $"{run.RequestsPerSecond:N0}")} | {Each(run => Rate(run.MiBPerSecond))} "
                + $"| {(direct is null ? "–" : Ratio(hapta.RequestsPerSecond / direct.RequestsPerSecond))} "
                + $"| {(kestrel is null ? "–" : Ratio(hapta.RequestsPerSecond / kestrel.RequestsPerSecond))} "
                + $"| {Each(run => Ms(run.P50Ms))} "
                + $"| {(hapta.ReachedPocketBase is { } reached ? $"{reached.Reads:N0} of {hapta.Requests:N0}" : "?")} "
                + $"| {Each(run => Ms(CpuMsPerMiB(run)))} |");
        }

        text.AppendLine();
        text.AppendLine("The ratios are of requests/s; of MiB/s they differ only by the headers' share. **reached "
            + "PocketBase through Hapta**: the downloads PocketBase logged during Hapta's run, of those wrk received "
            + "(one still in flight when wrk stops is logged but not received). **CPU ms per MiB**: the CPU time of "
            + "the serving processes per MiB delivered, for Hapta its own and that of PocketBase behind it: what a "
            + "delivered byte costs the machine each way (the load generator's share is in the results table).");
        text.AppendLine();
        foreach (var hapta in rows)
        {
            var reached = hapta.ReachedPocketBase is { } logged ? $"{logged.Reads:N0}" : "?";
            text.AppendLine(hapta.Workload == "W7s"
                ? $"- W7s at c={hapta.Connections} through Hapta: {reached} of {hapta.Requests:N0} downloads reached "
                    + $"PocketBase; Hapta answered {(hapta.ReachedPocketBase?.Reads == 0 ? "all" : "the others")} "
                    + "from its memory."
                : $"- W7l at c={hapta.Connections} through Hapta: PocketBase logged {reached} downloads for Hapta's "
                    + $"{hapta.Requests:N0}: each is a download from PocketBase too, and each byte crosses the "
                    + $"loopback twice (PocketBase to Hapta, Hapta to wrk). {StreamCost(report, hapta)}");
        }

        foreach (var kestrel in report.Runs.Where(run => IsFileRun(run) && run.Target == BenchTarget.Kestrel))
        {
            var direct = Find(report, kestrel.Workload, kestrel.Connections, BenchTarget.PocketBase);
            if (direct is not null && kestrel.RequestsPerSecond < direct.RequestsPerSecond)
            {
                var ratio = Ratio(kestrel.RequestsPerSecond / direct.RequestsPerSecond);
                text.AppendLine($"- {kestrel.Workload} at c={kestrel.Connections}: the bare Kestrel endpoint served "
                    + $"fewer downloads than PocketBase direct ({ratio}): "
                    + "for a body of this size it is the ceiling of Kestrel with its default settings writing one "
                    + "array, not of the machine.");
            }
        }

        text.AppendLine();
    }

    /// <summary>The W7 facts for "What the figures say".</summary>
    private static void FileReading(StringBuilder text, BenchReport report)
    {
        var versusPocketBase = RatiosVersus(report, "W7s", BenchTarget.PocketBase)
            .Concat(RatiosVersus(report, "W7l", BenchTarget.PocketBase))
            .ToList();
        if (versusPocketBase.Count == 0)
        {
            return;
        }

        var versusKestrel = RatiosVersus(report, "W7s", BenchTarget.Kestrel)
            .Concat(RatiosVersus(report, "W7l", BenchTarget.Kestrel))
            .ToList();
        text.AppendLine($"- W7, Hapta's file downloads per second: {Describe(versusPocketBase, withWorkload: true)} "
            + $"of PocketBase direct; {Describe(versusKestrel, withWorkload: true)} of the bare Kestrel endpoint.");
    }

    private static bool IsFileRun(RunRecord run) => run.Workload is "W7s" or "W7l";

    private static string ConnectionsOf(BenchReport report, string workload) => string.Join(
        " and ",
        report.Runs.Where(run => run.Workload == workload).Select(run => run.Connections).Distinct().Order());

    private static string FileLabel(BenchReport report, string workload)
    {
        var length = workload == "W7s" ? report.Bodies.Media.Small.Length : report.Bodies.Media.Large.Length;
        return length >= 1024 * 1024
            ? $"{workload}, {length / (1024.0 * 1024.0):0.#} MiB"
            : $"{workload}, {length / 1024.0:0.#} KiB";
    }

    /// <summary>CPU of the serving processes (through Hapta, Hapta's and PocketBase's) per MiB wrk received.</summary>
    private static double CpuMsPerMiB(RunRecord run)
    {
        var cores = run.TargetCores + (run.Target == BenchTarget.Hapta ? run.PocketBaseCores ?? 0 : 0);
        return run.MiBPerSecond is { } rate and > 0 ? cores * 1000 / rate : double.NaN;
    }

    /// <summary>Rate and CPU of a streamed download through Hapta against PocketBase direct, same conns.</summary>
    private static string StreamCost(BenchReport report, RunRecord hapta)
    {
        if (Find(report, hapta.Workload, hapta.Connections, BenchTarget.PocketBase) is not { } direct
            || hapta.MiBPerSecond is not { } through || direct.MiBPerSecond is not { } alone)
        {
            return "";
        }

        return $"Hapta delivered {through:N1} MiB/s against PocketBase's {alone:N1} direct ({Ratio(through / alone)}), "
            + $"at {Ms(CpuMsPerMiB(hapta))} CPU ms per MiB for Hapta and PocketBase together against "
            + $"{Ms(CpuMsPerMiB(direct))} for PocketBase alone.";
    }
}
