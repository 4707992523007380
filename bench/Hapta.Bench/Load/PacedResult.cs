namespace Hapta.Bench.Load;

/// <summary>What one W6 run did, as the load generator saw it. Times are from the first request sent.</summary>
internal sealed record PacedResult
{
    /// <summary>The rate the requests were scheduled at, per second.</summary>
    public required int Rate { get; init; }

    /// <summary>When the last request was sent.</summary>
    public required TimeSpan SendingTime { get; init; }

    /// <summary>When the last answer that was not a 429 arrived: no permit was granted after it.</summary>
    public required TimeSpan LastAdmittedAt { get; init; }

    /// <summary>When the last answer of all arrived.</summary>
    public required TimeSpan Elapsed { get; init; }

    public required long Sent { get; init; }

    /// <summary>Answered 200: admitted, and answered by PocketBase.</summary>
    public required long Succeeded { get; init; }

    /// <summary>Answered 429.</summary>
    public required long Throttled { get; init; }

    /// <summary>Answered with any other status.</summary>
    public required long OtherStatus { get; init; }

    public required long SocketErrors { get; init; }

    /// <summary>Answers other than 429 per silo, in the order of the silos.</summary>
    public required IReadOnlyList<long> AdmittedPerSilo { get; init; }

    /// <summary>The 429s by the policy that refused them, as the answer's <c>detail</c> names it.</summary>
    public required IReadOnlyDictionary<string, long> ThrottledBy { get; init; }

    public required long ThrottledWithoutRetryAfter { get; init; }

    public required long WithoutRateLimitHeaders { get; init; }

    public required double AdmittedP50Ms { get; init; }

    public required double AdmittedP99Ms { get; init; }

    public required double ThrottledP50Ms { get; init; }

    /// <summary>The first few distinct unexpected outcomes, for the raw results.</summary>
    public required IReadOnlyDictionary<string, long> Failures { get; init; }

    /// <summary>Answers other than 429: the requests that were let through to PocketBase.</summary>
    public long Admitted => Succeeded + OtherStatus;
}
