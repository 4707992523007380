namespace Hapta.RateLimiting;

/// <summary>A bucket's answer to a silo that asked for permits.</summary>
[GenerateSerializer, Immutable, Alias("Hapta.RateLimiting.PermitGrant")]
public sealed record PermitGrant
{
    /// <summary>Permits now held by the asking silo; 0 when the bucket is empty.</summary>
    [Id(0)]
    public int Granted { get; init; }

    /// <summary>Whole permits left in the bucket after this grant (other silos' leases not counted).</summary>
    [Id(1)]
    public long Remaining { get; init; }

    /// <summary>When nothing was granted: how long until a permit returns.</summary>
    [Id(2)]
    public TimeSpan RetryAfter { get; init; }

    /// <summary>How long until the bucket is full again if nothing more is taken.</summary>
    [Id(3)]
    public TimeSpan FullIn { get; init; }
}
