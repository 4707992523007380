namespace Hapta.Bench.Running;

internal enum BenchTarget
{
    /// <summary>PocketBase direct.</summary>
    PocketBase,

    /// <summary>Hapta in front of the same PocketBase.</summary>
    Hapta,

    /// <summary>A second Hapta with rate limiting off: set against Hapta in W1, what the limiter costs.</summary>
    HaptaUnlimited,

    /// <summary>The bare Kestrel endpoint with a fixed body: the ceiling of the machine.</summary>
    Kestrel,
}
