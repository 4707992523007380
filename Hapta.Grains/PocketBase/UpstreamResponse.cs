namespace Hapta.PocketBase;

/// <summary>How a call to PocketBase ended, as far as Hapta's caller needs to know.</summary>
[GenerateSerializer, Alias("Hapta.PocketBase.UpstreamOutcome")]
public enum UpstreamOutcome
{
    /// <summary>PocketBase answered; <see cref="UpstreamResponse.Status"/> is its status.</summary>
    Answered = 0,

    /// <summary>PocketBase could not be reached, or the circuit to it is open.</summary>
    Unavailable = 1,

    /// <summary>PocketBase did not answer within the configured time budget.</summary>
    TimedOut = 2,

    /// <summary>
    /// Not sent: the cluster's global limit on calls to PocketBase is reached; retry after
    /// <see cref="UpstreamResponse.RetryAfter"/>.
    /// </summary>
    Throttled = 3,
}

/// <summary>
/// A PocketBase answer carried through a grain call: status, content type and the body bytes
/// exactly as PocketBase sent them. The body array is never mutated after construction.
/// </summary>
[GenerateSerializer, Immutable, Alias("Hapta.PocketBase.UpstreamResponse")]
public sealed record UpstreamResponse
{
    [Id(0)]
    public UpstreamOutcome Outcome { get; init; }

    [Id(1)]
    public int Status { get; init; }

    [Id(2)]
    public string? ContentType { get; init; }

    [Id(3)]
    public byte[] Body { get; init; } = [];

    /// <summary>When <see cref="Outcome"/> is <see cref="UpstreamOutcome.Throttled"/>: when to retry.</summary>
    [Id(4)]
    public TimeSpan RetryAfter { get; init; }

    public bool IsSuccess => Outcome == UpstreamOutcome.Answered && Status is >= 200 and < 300;

    public static UpstreamResponse Failed(UpstreamOutcome outcome) => new()
    {
        Outcome = outcome,
        Status = 503,
    };

    /// <summary>Not sent because of the global limit; the body is the configured 429 message, as plain text.</summary>
    public static UpstreamResponse Throttled(TimeSpan retryAfter, string message) => new()
    {
        Outcome = UpstreamOutcome.Throttled,
        Status = 429,
        RetryAfter = retryAfter,
        ContentType = "text/plain; charset=utf-8",
        Body = System.Text.Encoding.UTF8.GetBytes(message),
    };
}
