namespace Hapta.Bench.Load;

/// <summary>The line that <c>bench/wrk/summary.lua</c> prints when a wrk run ends; latencies in microseconds.</summary>
internal sealed record WrkSummary
{
    public long Requests { get; init; }

    public long DurationUs { get; init; }

    public long Bytes { get; init; }

    public long ConnectErrors { get; init; }

    public long ReadErrors { get; init; }

    public long WriteErrors { get; init; }

    /// <summary>Responses with a status of 400 or more.</summary>
    public long StatusErrors { get; init; }

    public long Timeouts { get; init; }

    public long P50Us { get; init; }

    public long P90Us { get; init; }

    public long P99Us { get; init; }

    public long MaxUs { get; init; }

    public long SocketErrors => ConnectErrors + ReadErrors + WriteErrors + Timeouts;
}
