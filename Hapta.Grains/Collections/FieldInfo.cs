namespace Hapta.Collections;

/// <summary>One schema field; <see cref="OptionsJson"/> keeps PocketBase's type-specific options as JSON.</summary>
[GenerateSerializer, Immutable, Alias("Hapta.Collections.FieldInfo")]
public sealed record FieldInfo
{
    [Id(0)]
    public required string Name { get; init; }

    [Id(1)]
    public required string Type { get; init; }

    [Id(2)]
    public bool Required { get; init; }

    [Id(3)]
    public string OptionsJson { get; init; } = "{}";
}
