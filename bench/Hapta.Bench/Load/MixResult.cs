namespace Hapta.Bench.Load;

/// <summary>What one W3, W3w or W4 run against one target did, as the load generator saw it.</summary>
internal sealed record MixResult
{
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Whether the time limit stopped the run before the plan was done.</summary>
    public required bool StoppedByTimeLimit { get; init; }

    public required long Reads { get; init; }

    /// <summary>Views of a private post that answered 404, as they must for anyone but its author.</summary>
    public required long HiddenViews { get; init; }

    public required long Writes { get; init; }

    public required long ProbeReads { get; init; }

    /// <summary>Responses with another status than expected (2xx, or 404 for a private post).</summary>
    public required long StatusErrors { get; init; }

    /// <summary>Requests that failed without a response (connection errors, timeouts).</summary>
    public required long SocketErrors { get; init; }

    public required long StaleMixReads { get; init; }

    public required long StaleProbeReads { get; init; }

    public required double ReadP50Ms { get; init; }

    public required double ReadP99Ms { get; init; }

    public required double WriteP50Ms { get; init; }

    public required double WriteP99Ms { get; init; }

    /// <summary>The first few distinct failures, for the raw results.</summary>
    public required IReadOnlyDictionary<string, long> Failures { get; init; }

    public long Requests => Reads + Writes + ProbeReads;

    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}
