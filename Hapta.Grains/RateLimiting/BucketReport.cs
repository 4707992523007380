namespace Hapta.RateLimiting;

/// <summary>What the admin API shows of one bucket.</summary>
[GenerateSerializer, Immutable, Alias("Hapta.RateLimiting.BucketReport")]
public sealed record BucketReport
{
    /// <summary>Whole permits in the bucket now.</summary>
    [Id(0)]
    public long Available { get; init; }

    /// <summary>Permits out on lease to silos that have not come back yet.</summary>
    [Id(1)]
    public long Leased { get; init; }

    /// <summary>Silos holding a lease.</summary>
    [Id(2)]
    public int Holders { get; init; }

    /// <summary>How long until the bucket is full again if nothing more is taken.</summary>
    [Id(3)]
    public TimeSpan FullIn { get; init; }

    /// <summary>Requests refused since the bucket's grain was activated.</summary>
    [Id(4)]
    public long Refusals { get; init; }

    /// <summary>Permits granted since the bucket's grain was activated.</summary>
    [Id(5)]
    public long Granted { get; init; }
}
