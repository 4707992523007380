namespace Hapta.Bench.Load;

/// <summary>Percentiles of a set of latencies (nearest rank), in milliseconds.</summary>
internal static class Latency
{
    public static double PercentileMs(IReadOnlyList<TimeSpan> sorted, double percentile)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)].TotalMilliseconds;
    }
}
