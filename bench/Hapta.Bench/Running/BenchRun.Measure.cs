using Hapta.Bench.Processes;

namespace Hapta.Bench.Running;

internal sealed partial class BenchRun
{
    /// <summary>
    /// Runs one load against one target and records it with its time window (the load's record says which URL of
    /// PocketBase's request log counts), the peak memory of the target and of PocketBase (high-water marks reset
    /// just before), and the CPU each used. Then pauses, so that the windows of consecutive runs never overlap in
    /// PocketBase's request log.
    /// </summary>
    private async Task<RunRecord> MeasureAsync(
        string workload,
        int connections,
        BenchTarget target,
        Func<CancellationToken, Task<RunRecord>> load,
        CancellationToken cancellationToken)
    {
        var targetProcess = target switch
        {
            BenchTarget.PocketBase => PocketBase.Process,
            BenchTarget.Hapta => Hapta.Process,
            BenchTarget.HaptaUnlimited => Unlimited.Process,
            _ => Kestrel.Process,
        };
        var pocketBaseServes = target != BenchTarget.Kestrel;
        ProcStats.ResetPeak(targetProcess.Id);
        ProcStats.ResetPeak(PocketBase.Process.Id);
        var targetCpu = targetProcess.CpuTime;
        var pocketBaseCpu = PocketBase.Process.CpuTime;
        var generatorCpu = ProcStats.LoadGeneratorCpu();

        var start = time.GetUtcNow();
        var wall = time.GetTimestamp();
        var record = await load(cancellationToken);
        var seconds = time.GetElapsedTime(wall).TotalSeconds;
        var end = time.GetUtcNow();
        var generatorCores = (ProcStats.LoadGeneratorCpu() - generatorCpu).TotalSeconds / seconds;

        record = record with
        {
            Workload = workload,
            Connections = connections,
            Target = target,
            Window = record.Window with { Start = start, End = end + WindowPad },
            TargetPeakMiB = ProcStats.PeakMiB(targetProcess.Id),
            PocketBasePeakMiB = pocketBaseServes ? ProcStats.PeakMiB(PocketBase.Process.Id) : null,
            TargetCores = (targetProcess.CpuTime - targetCpu).TotalSeconds / seconds,
            PocketBaseCores = pocketBaseServes
                ? (PocketBase.Process.CpuTime - pocketBaseCpu).TotalSeconds / seconds
                : null,
            LoadGeneratorCores = generatorCores,
        };
        _runs.Add(record);
        progress.Say($"    {record.Requests:N0} requests in {record.Seconds:0.0} s: "
            + $"{record.RequestsPerSecond:N0} req/s, "
            + (record.MiBPerSecond is { } rate ? $"{rate:N1} MiB/s, " : "")
            + $"p50 {record.P50Ms:0.00} ms, p99 {record.P99Ms:0.00} ms, {record.Errors:N0} errors");
        await Task.Delay(Gap, time, cancellationToken);
        return record;
    }
}
