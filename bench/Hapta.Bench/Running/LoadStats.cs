namespace Hapta.Bench.Running;

/// <summary>The 1-minute load average before, during (mean and peak of samples) and after the run.</summary>
internal sealed record LoadStats(double Before, double Mean, double Max, double After);
