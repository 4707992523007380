namespace Hapta.Collections;

/// <summary>Where a grain activation lives; used by operators and tests to see that silos share grains.</summary>
[GenerateSerializer, Immutable, Alias("Hapta.Collections.GrainPlacement")]
public sealed record GrainPlacement
{
    [Id(0)]
    public required string Silo { get; init; }

    /// <summary>A random id drawn when the activation started; two callers seeing the same id saw one activation.</summary>
    [Id(1)]
    public required string ActivationId { get; init; }

    [Id(2)]
    public DateTimeOffset ActivatedAt { get; init; }
}
