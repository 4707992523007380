using System.Globalization;
using System.Net;
using Hapta.Bench.Load;
using Hapta.Bench.PocketBase;

namespace Hapta.Bench.Running;

internal sealed partial class BenchRun
{
    /// <summary>W7's two files and the connection counts of each: 16 are enough to keep 5 MiB answers coming.</summary>
    private static readonly (string Workload, int[] Connections)[] FileCases = [("W7s", [1, 64]), ("W7l", [1, 16])];

    private static readonly BenchTarget[] FileTargets =
        [BenchTarget.PocketBase, BenchTarget.Hapta, BenchTarget.Kestrel];

    /// <summary>
    /// W7: a guest downloads one file of the media record, the small one (W7s) at 1 and 64 connections and the large
    /// one (W7l) at 1 and 16, from PocketBase direct, through Hapta, and from the bare Kestrel endpoint serving the
    /// bytes Hapta answered. Hapta keeps the small file in memory after its first download and streams the large one
    /// from PocketBase on every request. Every target is warmed up first (unrecorded) and must then answer 200 with
    /// each file's exact bytes; within each case the order of the targets flips as for W1 and W2.
    /// </summary>
    private async Task RunFileWorkloadsAsync(WrkRunner wrk, CancellationToken cancellationToken)
    {
        progress.Say($"W7: warming up every target for {WarmUpTime.TotalSeconds:0} s per file (not recorded)");
        foreach (var (workload, connections) in FileCases)
        {
            foreach (var target in FileTargets)
            {
                await wrk.RunAsync(
                    FileUrlOf(target, workload),
                    connections.Max(),
                    WarmUpTime,
                    Path.Combine(options.ResultsDirectory, $"warmup-{workload}-{target}.txt"),
                    authorization: null,
                    cancellationToken);
            }
        }

        await VerifyFilesAsync(cancellationToken);
        await Task.Delay(Gap, time, cancellationToken);
        foreach (var (workload, connectionCounts) in FileCases)
        {
            var length = FileOf(workload).Length;
            foreach (var connections in connectionCounts)
            {
                foreach (var target in InTurn(FileTargets))
                {
                    var url = FileUrlOf(target, workload);
                    progress.Say($"{workload} c={connections} {target}: wrk {options.FixedDuration.TotalSeconds:0} s, "
                        + $"{url} ({length:N0} B)");
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
                                url, connections, options.FixedDuration, output, authorization: null, token);
                            return FromWrk(summary, LogWindow.FilesUrl, length);
                        },
                        cancellationToken);
                }
            }
        }
    }

    /// <summary>Every target must answer each file with 200 and the bytes uploaded: else W7 measures nothing.</summary>
    private async Task VerifyFilesAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var (workload, _) in FileCases)
        {
            foreach (var target in FileTargets)
            {
                await DownloadAsync(http, FileUrlOf(target, workload), FileOf(workload), cancellationToken);
            }
        }

        progress.Say("  every target answers 200 with the bytes of both files");
    }

    /// <summary>GETs one of W7's files and checks the answer: 200, and exactly the bytes uploaded.</summary>
    private static async Task<(byte[] Body, string ContentType)> DownloadAsync(
        HttpClient http,
        Uri url,
        MediaFile file,
        CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK || MediaSeed.Sha256Of(body) != file.Sha256)
        {
            throw new BenchFailedException($"{url} answered {(int)response.StatusCode} with {body.Length:N0} B, "
                + $"not 200 with the {file.Length:N0} B of {file.Name} uploaded");
        }

        return (body, response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream");
    }

    private MediaFile FileOf(string workload) => workload == "W7s" ? Media.Small : Media.Large;

    private Uri FileUrlOf(BenchTarget target, string workload) => target switch
    {
        BenchTarget.PocketBase => new Uri(PocketBase.Url, Media.PathOf(FileOf(workload))),
        BenchTarget.Hapta => new Uri(Hapta.Url, Media.PathOf(FileOf(workload))),
        BenchTarget.Kestrel => new Uri(Kestrel.Url, workload == "W7s" ? "/w7s" : "/w7l"),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "W7 runs against no other target"),
    };
}
