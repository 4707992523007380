using Hapta.Bench.Load;
using Hapta.Bench.PocketBase;

namespace Hapta.Bench.Running;

/// <summary>One measured run: one workload, one connection count, one target.</summary>
internal sealed record RunRecord
{
    public required string Workload { get; init; }

    public required int Connections { get; init; }

    public required BenchTarget Target { get; init; }

    public required LogWindow Window { get; init; }

    /// <summary>Responses the load generator received (for the mixes: reads, writes and probe reads).</summary>
    public required long Requests { get; init; }

    public required double Seconds { get; init; }

    public required double P50Ms { get; init; }

    public required double P99Ms { get; init; }

    /// <summary>
    /// Bytes the load generator received, headers included (wrk's count; none for the mixes). W7 adds answers that
    /// fall short of the file to <see cref="Errors"/>.
    /// </summary>
    public long? Bytes { get; init; }

    /// <summary>Non-2xx where a 2xx was expected (W7: anything but a 200), plus socket errors and timeouts.</summary>
    public required long Errors { get; init; }

    public required string ErrorDetail { get; init; }

    /// <summary>Peak resident memory of the target during the run (VmHWM).</summary>
    public double? TargetPeakMiB { get; init; }

    /// <summary>Peak resident memory of PocketBase during the run, when it served it (direct or behind Hapta).</summary>
    public double? PocketBasePeakMiB { get; init; }

    /// <summary>CPU the target used, in cores (CPU seconds over wall seconds).</summary>
    public double TargetCores { get; init; }

    public double? PocketBaseCores { get; init; }

    /// <summary>CPU the load generator used (wrk, or the mix generator), in cores.</summary>
    public double LoadGeneratorCores { get; init; }

    /// <summary>Filled in once the load is over, from PocketBase's own request log.</summary>
    public RequestLogCount? ReachedPocketBase { get; init; }

    public MixResult? Mix { get; init; }

    public double RequestsPerSecond => Requests / Seconds;

    /// <summary>wrk's transfer rate: <see cref="Bytes"/> over the run, in MiB (wrk prints it as MB).</summary>
    public double? MiBPerSecond => Bytes is { } bytes ? bytes / Seconds / (1024.0 * 1024.0) : null;

    /// <summary>The reads this run sent (everything but the W3w writes).</summary>
    public long ReadsSent => Mix is { } mix ? mix.Reads + mix.ProbeReads : Requests;
}
