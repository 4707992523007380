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

    public bool IsSuccess => Outcome == UpstreamOutcome.Answered && Status is >= 200 and < 300;

    public static UpstreamResponse Failed(UpstreamOutcome outcome) => new()
    {
        Outcome = outcome,
        Status = 503,
    };
}
