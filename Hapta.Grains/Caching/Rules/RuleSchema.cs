using System.Text.Json;
using Hapta.Collections;

namespace Hapta.Caching.Rules;

/// <summary>
/// The names a rule may use for the record's own columns, each with its category, or with none when the column
/// exists but is outside the subset (multi-valued, json, file, editor).
/// </summary>
internal sealed class RuleSchema
{
    private readonly Dictionary<string, ValueCategory?> _columns = new(StringComparer.Ordinal);

    private RuleSchema()
    {
    }

    public static RuleSchema From(CollectionInfo collection)
    {
        var schema = new RuleSchema();
        if (!collection.Fields.IsDefault)
        {
            foreach (var field in collection.Fields)
            {
                schema._columns[field.Name] = CategoryOf(field);
            }
        }

        schema._columns["id"] = ValueCategory.Text;
        schema._columns["created"] = ValueCategory.Text;
        schema._columns["updated"] = ValueCategory.Text;
        return schema;
    }

    /// <summary>Whether <paramref name="name"/> is a column; a null category: outside the subset.</summary>
    public bool TryGetColumn(string name, out ValueCategory? category) => _columns.TryGetValue(name, out category);

    /// <summary>
    /// PocketBase reads <c>true</c>, <c>false</c> and <c>null</c> (in any case) as literals only when no column
    /// resolves under that name; whether its lookup ignores case is not something to bet on.
    /// </summary>
    public bool HasColumnIgnoringCase(string name) =>
        _columns.Keys.Any(column => string.Equals(column, name, StringComparison.OrdinalIgnoreCase));

    private static ValueCategory? CategoryOf(FieldInfo field) => field.Type switch
    {
        "text" or "email" or "url" or "date" => ValueCategory.Text,
        "number" => ValueCategory.Number,
        "bool" => ValueCategory.Bool,
        // A single select or relation is a TEXT column; with more than one value it is JSON.
        "select" or "relation" when HasMaxSelectOne(field.OptionsJson) => ValueCategory.Text,
        _ => null,
    };

    private static bool HasMaxSelectOne(string? optionsJson)
    {
        if (string.IsNullOrEmpty(optionsJson))
        {
            return false;
        }

        try
        {
            using var options = JsonDocument.Parse(optionsJson);
            return options.RootElement.ValueKind == JsonValueKind.Object
                && options.RootElement.TryGetProperty("maxSelect", out var maxSelect)
                && maxSelect.ValueKind == JsonValueKind.Number
                && maxSelect.TryGetDouble(out var value)
                && value == 1;
        }
        catch (JsonException)
        {
            // Options we cannot read: the field is treated as outside the subset.
            return false;
        }
    }
}
