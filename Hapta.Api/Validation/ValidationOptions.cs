using System.ComponentModel.DataAnnotations;

namespace Hapta.Validation;

/// <summary>What Hapta checks in requests before PocketBase sees them, section <c>Hapta:Validation</c>.</summary>
public sealed class ValidationOptions
{
    public const string SectionName = "Hapta:Validation";

    /// <summary>
    /// Largest <c>perPage</c> of a list. Default 500, where PocketBase silently stops; a larger one is refused
    /// rather than cut short without a word.
    /// </summary>
    [Range(1, 500, ErrorMessage = "Hapta:Validation:MaxPerPage must be between 1 and 500 (PocketBase's own cap).")]
    public int MaxPerPage { get; set; } = 500;

    /// <summary>Longest <c>filter</c>, in characters. Default 2,048.</summary>
    [Range(16, 65_536, ErrorMessage = "Hapta:Validation:MaxFilterLength must be between 16 and 65,536.")]
    public int MaxFilterLength { get; set; } = 2048;

    /// <summary>Deepest <c>expand</c> path, in relations. Default 6, PocketBase's own limit.</summary>
    [Range(1, 6, ErrorMessage = "Hapta:Validation:MaxExpandDepth must be between 1 and 6 (PocketBase's own limit).")]
    public int MaxExpandDepth { get; set; } = 6;

    /// <summary>
    /// Collections Hapta answers for as if PocketBase had none of that name (404), whatever their rules say:
    /// internal tables, staging data. Default none.
    /// </summary>
    public string[] HiddenCollections { get; set; } = [];

    /// <summary>
    /// Rules that tighten the schema, by collection name and then field name, e.g.
    /// <c>Hapta:Validation:Collections:posts:content:MaxLength = 2000</c>. Default none.
    /// </summary>
    public Dictionary<string, Dictionary<string, FieldTightening>> Collections { get; set; } =
        new(StringComparer.OrdinalIgnoreCase);
}
