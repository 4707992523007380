namespace Hapta.Health;

[GenerateSerializer, Immutable, Alias("Hapta.Health.HealthReport")]
public sealed record HealthReport
{
    [Id(0)]
    public required string Silo { get; init; }

    [Id(1)]
    public bool PocketBaseReachable { get; init; }

    /// <summary>What went wrong when PocketBase is not reachable; <see langword="null"/> otherwise.</summary>
    [Id(2)]
    public string? Problem { get; init; }
}
