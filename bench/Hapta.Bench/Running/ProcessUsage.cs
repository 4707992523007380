namespace Hapta.Bench.Running;

/// <summary>What one process used over a workload: its peak resident memory (VmHWM) and its CPU time.</summary>
internal sealed record ProcessUsage(string Name, double? PeakMiB, double CpuSeconds);
