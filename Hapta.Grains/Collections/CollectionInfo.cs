using System.Collections.Immutable;

namespace Hapta.Collections;

/// <summary>
/// What Hapta knows of one PocketBase collection. A rule of <see langword="null"/> is admin only
/// (PocketBase answers 403), <c>""</c> lets everyone through, anything else is a filter expression.
/// </summary>
[GenerateSerializer, Immutable, Alias("Hapta.Collections.CollectionInfo")]
public sealed record CollectionInfo
{
    [Id(0)]
    public required string Id { get; init; }

    [Id(1)]
    public required string Name { get; init; }

    /// <summary><c>base</c>, <c>auth</c> or <c>view</c>.</summary>
    [Id(2)]
    public required string Type { get; init; }

    [Id(3)]
    public bool System { get; init; }

    [Id(4)]
    public string? ListRule { get; init; }

    [Id(5)]
    public string? ViewRule { get; init; }

    [Id(6)]
    public string? CreateRule { get; init; }

    [Id(7)]
    public string? UpdateRule { get; init; }

    [Id(8)]
    public string? DeleteRule { get; init; }

    [Id(9)]
    public ImmutableArray<FieldInfo> Fields { get; init; } = [];
}
