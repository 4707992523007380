using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Hapta.Bench.Processes;

namespace Hapta.Bench.Running;

/// <summary>What the report says about the machine and the software under test.</summary>
internal sealed record MachineInfo(
    int Cores,
    string CpuModel,
    double MemoryGiB,
    string OperatingSystem,
    string Kernel,
    string DotNet,
    string Wrk,
    string PocketBase,
    string Redis)
{
    public static async Task<MachineInfo> ReadAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var cpu = File.ReadLines("/proc/cpuinfo")
            .FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?
            .Split(':', 2)[1].Trim() ?? "unknown";
        var memoryKb = File.ReadLines("/proc/meminfo")
            .First(line => line.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release")
                .FirstOrDefault(line => line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?
                .Split('=', 2)[1].Trim('"') ?? "Linux"
            : "Linux";
        return new MachineInfo(
            Environment.ProcessorCount,
            cpu,
            long.Parse(memoryKb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0,
            os,
            (await File.ReadAllTextAsync("/proc/sys/kernel/osrelease", cancellationToken)).Trim(),
            RuntimeInformation.FrameworkDescription,
            (await FirstLineAsync("wrk", "-v", cancellationToken)).Split(" Copyright")[0],
            await FirstLineAsync(options.PocketBaseBinary, "--version", cancellationToken),
            RedisServer.Binary is { } redis
                ? (await FirstLineAsync(redis, "--version", cancellationToken)).Split(" sha=")[0]
                : "redis-server not installed");
    }

    private static async Task<string> FirstLineAsync(
        string fileName,
        string argument,
        CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName, argument)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken)
            + await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "unknown";
    }
}
