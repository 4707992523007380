namespace Hapta.Caching;

/// <summary>
/// Word that data changed: one record (<see cref="RecordId"/> set), a whole collection (<see cref="RecordId"/>
/// <see langword="null"/>), or everything (<see cref="CollectionId"/> <see cref="Everything"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Hapta.Caching.ChangeNotice")]
public sealed record ChangeNotice
{
    /// <summary>The <see cref="CollectionId"/> of a notice that ends every entry.</summary>
    public const string Everything = "*";

    [Id(0)]
    public required string CollectionId { get; init; }

    [Id(1)]
    public string? RecordId { get; init; }

    /// <summary>
    /// What the change feed saw (<c>update:2026-12-04 10:00:00.123Z</c>), so that the feed's echo of a write Hapta
    /// already announced costs no second invalidation; <see langword="null"/> for writes through Hapta, which are
    /// always announced.
    /// </summary>
    [Id(2)]
    public string? Fingerprint { get; init; }

    public static ChangeNotice All { get; } = new() { CollectionId = Everything };
}
