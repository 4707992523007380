using Refit;

namespace Hapta.PocketBase;

/// <summary>
/// The query parameters of PocketBase's records API, carried as the client wrote them. A
/// <see langword="null"/> member is not sent. List calls use all of them; view, create and update
/// use <see cref="Expand"/> and <see cref="Fields"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Hapta.PocketBase.RecordQuery")]
public sealed record RecordQuery
{
    public static readonly RecordQuery Empty = new();

    [Id(0), AliasAs("page")]
    public string? Page { get; init; }

    [Id(1), AliasAs("perPage")]
    public string? PerPage { get; init; }

    [Id(2), AliasAs("sort")]
    public string? Sort { get; init; }

    [Id(3), AliasAs("filter")]
    public string? Filter { get; init; }

    [Id(4), AliasAs("expand")]
    public string? Expand { get; init; }

    [Id(5), AliasAs("fields")]
    public string? Fields { get; init; }

    [Id(6), AliasAs("skipTotal")]
    public string? SkipTotal { get; init; }
}
