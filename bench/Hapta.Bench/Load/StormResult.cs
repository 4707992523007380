namespace Hapta.Bench.Load;

/// <summary>What one W5 login storm did, as the load generator saw it.</summary>
internal sealed record StormResult
{
    /// <summary>From the first attempt sent to the last answer received.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Whether the time limit stopped the storm before every attempt of the plan was sent.</summary>
    public required bool StoppedByTimeLimit { get; init; }

    public required long Sent { get; init; }

    /// <summary>Answered 200: a login that succeeded.</summary>
    public required long Succeeded { get; init; }

    /// <summary>Answered 400: PocketBase's answer to a wrong identity or password.</summary>
    public required long Rejected { get; init; }

    /// <summary>Answered 429: refused by a rate limit, before PocketBase was asked.</summary>
    public required long Throttled { get; init; }

    /// <summary>Answered with any other status.</summary>
    public required long OtherStatus { get; init; }

    /// <summary>Sent but not answered (connection errors, timeouts).</summary>
    public required long SocketErrors { get; init; }

    /// <summary>The 429s by the policy that refused them, as the answer's <c>detail</c> names it.</summary>
    public required IReadOnlyDictionary<string, long> ThrottledBy { get; init; }

    /// <summary>Answers other than 429 to attempts on real users: each cost PocketBase a bcrypt check.</summary>
    public required long RealUserChecks { get; init; }

    public required long CorrectSent { get; init; }

    public required long CorrectSucceeded { get; init; }

    /// <summary>429 answers without <c>Retry-After</c> (Hapta promises one on every 429).</summary>
    public required long ThrottledWithoutRetryAfter { get; init; }

    /// <summary>Answers without <c>RateLimit-Policy</c> or <c>RateLimit</c> (Hapta promises both on all).</summary>
    public required long WithoutRateLimitHeaders { get; init; }

    /// <summary>The <c>RateLimit-Policy</c> of the first answer that had one: the limits Hapta announced.</summary>
    public required string? PolicyHeader { get; init; }

    public required double ThrottledP50Ms { get; init; }

    public required double AdmittedP50Ms { get; init; }

    public required double AdmittedP99Ms { get; init; }

    /// <summary>The first few distinct unexpected outcomes, for the raw results.</summary>
    public required IReadOnlyDictionary<string, long> Failures { get; init; }

    /// <summary>Answers other than 429: the logins that were let through to PocketBase.</summary>
    public long Admitted => Succeeded + Rejected + OtherStatus;

    public long Answered => Admitted + Throttled;
}
