using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hapta.Bench.Processes;
using Hapta.Bench.Running;

namespace Hapta.Bench.Load;

/// <summary>
/// Runs Debian's wrk against one fixed URL for a fixed time (one thread per connection, at most two: the
/// machine has two cores), keeps its full output, and returns the figures of <c>bench/wrk/summary.lua</c>.
/// A token to send goes to the script through the environment, never onto wrk's command line.
/// </summary>
internal sealed class WrkRunner(string scriptPath, string workingDirectory, PidFile pids)
{
    private const string SummaryMarker = "hapta-bench-summary ";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<WrkSummary> RunAsync(
        Uri url,
        int connections,
        TimeSpan duration,
        string outputPath,
        string? authorization,
        CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("wrk")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (authorization is not null)
        {
            info.Environment["HAPTA_BENCH_AUTHORIZATION"] = authorization;
        }

        string[] arguments =
        [
            "-t", Math.Min(connections, 2).ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalSeconds}s"),
            "--timeout", "10s",
            "--latency",
            "-s", scriptPath,
            url.ToString(),
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)
            ?? throw new BenchFailedException("wrk did not start; is it installed (apt-get install wrk)?");
        pids.Add(process.Id, "wrk");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        var text = await output;
        var errorText = await errors;
        await File.WriteAllTextAsync(
            outputPath,
            $"$ {(authorization is null ? "" : "HAPTA_BENCH_AUTHORIZATION=(a user's token) ")}wrk "
            + $"{string.Join(' ', arguments)}\n{text}{errorText}",
            cancellationToken);
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(SummaryMarker, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new BenchFailedException(
                $"wrk against {url} exited with {process.ExitCode} and no summary: {errorText}{text}");
        }

        return JsonSerializer.Deserialize<WrkSummary>(line[SummaryMarker.Length..], Json)
            ?? throw new BenchFailedException($"wrk summary unreadable: {line}");
    }
}
