using System.Collections.Immutable;

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
    /// The change as the change feed will report it (<c>update:2026-12-04 10:00:00.123Z</c>, <c>delete:</c>), so that
    /// the feed's echo of a write Hapta already announced costs no second invalidation.
    /// </summary>
    [Id(2)]
    public string? Fingerprint { get; init; }

    /// <summary>
    /// For an update whose fields are known (a PATCH through Hapta): the fields it set, <c>updated</c> included.
    /// Lists that neither filter, sort nor rule on any of them keep their entries unless they hold the record.
    /// <see langword="null"/>: any field may have changed, and so may every list's membership.
    /// </summary>
    [Id(3)]
    public ImmutableArray<string>? Fields { get; init; }

    /// <summary>
    /// Whether the change feed reported this. Only these are dropped as echoes; a write through Hapta is always
    /// announced, since two writes within one millisecond carry the same fingerprint.
    /// </summary>
    [Id(4)]
    public bool FromFeed { get; init; }

    /// <summary>Whether this is an update that cannot have added records to, or removed them from, a list.</summary>
    public bool KeepsMembership => RecordId is not null && Fields is not null;

    public static ChangeNotice All { get; } = new() { CollectionId = Everything };

    /// <summary>
    /// How a change is recognised when a write through Hapta and the feed both report it: the action and the
    /// record's <c>updated</c> after it (a delete happens once, so its action alone).
    /// </summary>
    public static string FingerprintOf(string? action, string? updated) =>
        action == "delete" ? "delete:" : action + ":" + updated;
}
