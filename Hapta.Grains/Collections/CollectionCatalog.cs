using System.Collections.Immutable;

namespace Hapta.Collections;

/// <summary>
/// A snapshot of every collection PocketBase has. <see cref="Version"/> grows whenever the content
/// changes, so a holder can tell a new snapshot from the one it has without comparing them.
/// </summary>
[GenerateSerializer, Immutable, Alias("Hapta.Collections.CollectionCatalog")]
public sealed record CollectionCatalog
{
    public static readonly CollectionCatalog Empty = new();

    [Id(0)]
    public long Version { get; init; }

    [Id(1)]
    public DateTimeOffset FetchedAt { get; init; }

    [Id(2)]
    public ImmutableArray<CollectionInfo> Collections { get; init; } = [];
}
