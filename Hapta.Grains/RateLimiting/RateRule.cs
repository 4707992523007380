namespace Hapta.RateLimiting;

/// <summary>
/// One token bucket's shape: <see cref="Max"/> permits per <see cref="Window"/> in the long run, and up to
/// <see cref="Burst"/> at once. Bucket arithmetic is done in integer units where one permit is
/// <see cref="Window"/>'s tick count and the bucket gains <see cref="Max"/> units per tick, so that refills and
/// boundaries are exact: no rounding can admit a request early or refuse one late.
/// </summary>
[GenerateSerializer, Immutable, Alias("Hapta.RateLimiting.RateRule")]
public sealed record RateRule
{
    /// <summary>The largest share of a bucket that one silo may hold on lease at a time.</summary>
    public const double LeaseShare = 0.01;

    /// <summary>Permits that return per <see cref="Window"/>.</summary>
    [Id(0)]
    public int Max { get; init; }

    /// <summary>The period over which <see cref="Max"/> permits return.</summary>
    [Id(1)]
    public TimeSpan Window { get; init; }

    /// <summary>The bucket's size: how many requests may arrive at once after a quiet spell.</summary>
    [Id(2)]
    public int Burst { get; init; }

    /// <summary>Units of one permit.</summary>
    public long PermitUnits => Window.Ticks;

    /// <summary>Units of a full bucket.</summary>
    public long CapacityUnits => Burst * Window.Ticks;

    /// <summary>
    /// The most permits one silo is granted at once: 1% of the bucket, at least one. A silo's unused lease is
    /// the most a bucket can strand (refuse while permits exist elsewhere), never admit beyond its limit.
    /// </summary>
    public int LeaseCap => Math.Max(1, (int)(Burst * LeaseShare));

    /// <summary>
    /// How long a silo may spend a lease: the time 1% of the bucket takes to refill, between 100 ms and 1 s.
    /// Short enough that permits do not sit idle on one silo while another is refused.
    /// </summary>
    public TimeSpan LeaseLifetime => TimeSpan.FromTicks(Math.Clamp(
        CapacityUnits / Max / 100,
        TimeSpan.FromMilliseconds(100).Ticks,
        TimeSpan.FromSeconds(1).Ticks));

    public static RateRule PerWindow(int max, TimeSpan window, int? burst = null) =>
        new() { Max = max, Window = window, Burst = burst ?? max };

    /// <summary>The time <paramref name="units"/> take to return, rounded up to whole ticks.</summary>
    public TimeSpan TimeToRefill(long units) => units <= 0
        ? TimeSpan.Zero
        : TimeSpan.FromTicks((units + Max - 1) / Max);
}
