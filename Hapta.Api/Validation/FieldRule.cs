using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hapta.Collections;

namespace Hapta.Validation;

/// <summary>
/// What one field accepts: PocketBase's schema options for it, read once per catalog version, with the configured
/// <see cref="FieldTightening"/> folded in (the stricter limit wins).
/// </summary>
internal sealed class FieldRule
{
    private FieldRule(string name, string type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    /// <summary>
    /// PocketBase's field type: text, editor, number, bool, email, url, date, select, json, file, relation.
    /// </summary>
    public string Type { get; }

    public bool Required { get; private init; }

    /// <summary>Clients may not set it (configured).</summary>
    public bool ReadOnly { get; private init; }

    /// <summary>Select, relation and file fields that hold a list rather than one value.</summary>
    public bool IsMultiple { get; private init; }

    public int? MinLength { get; private init; }

    public int? MaxLength { get; private init; }

    public double? Min { get; private init; }

    public double? Max { get; private init; }

    public bool NoDecimal { get; private init; }

    public IReadOnlyList<Regex> Patterns { get; private init; } = [];

    /// <summary>The <see cref="Patterns"/> as PocketBase and configuration write them (Go's RE2 syntax).</summary>
    public IReadOnlyList<string> PatternSources { get; private init; } = [];

    public FrozenSet<string>? Values { get; private init; }

    public int? MinSelect { get; private init; }

    public int? MaxSelect { get; private init; }

    public IReadOnlyList<string> OnlyDomains { get; private init; } = [];

    public IReadOnlyList<string> ExceptDomains { get; private init; } = [];

    public DateTimeOffset? Earliest { get; private init; }

    public DateTimeOffset? Latest { get; private init; }

    /// <summary>Largest json value, in bytes of its JSON text.</summary>
    public int? MaxJsonBytes { get; private init; }

    /// <summary>A file field's <c>maxSize</c>: the most bytes one file may have.</summary>
    public long? MaxFileBytes { get; private init; }

    /// <summary>A file field's <c>mimeTypes</c>; empty takes any type.</summary>
    public IReadOnlyList<string> MimeTypes { get; private init; } = [];

    /// <summary>A file field's <c>thumbs</c>: the sizes PocketBase makes (<c>100x100</c>, <c>300x0</c>).</summary>
    public IReadOnlyList<string> Thumbs { get; private init; } = [];

    /// <summary>Whether a file field is <c>protected</c>: its files need a file token.</summary>
    public bool Protected { get; private init; }

    /// <summary>
    /// The rule for <paramref name="field"/>; the parts of <paramref name="tightening"/> that do not apply to its
    /// type are named in <paramref name="ignored"/>.
    /// </summary>
    public static FieldRule From(FieldInfo field, FieldTightening? tightening, ICollection<string> ignored)
    {
        ArgumentNullException.ThrowIfNull(field);
        using var document = JsonDocument.Parse(
            string.IsNullOrWhiteSpace(field.OptionsJson) ? "{}" : field.OptionsJson);
        var options = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement : default;
        var t = tightening ?? new FieldTightening();
        var type = field.Type;
        var isText = type is "text" or "editor" or "email" or "url";
        var isList = type is "select" or "relation" or "file";
        Ignore(ignored, t.MinLength is not null && !isText, "MinLength");
        Ignore(ignored, t.MaxLength is not null && !isText && type != "json", "MaxLength");
        Ignore(ignored, (t.Min ?? t.Max) is not null && type != "number", "Min/Max");
        Ignore(ignored, !string.IsNullOrEmpty(t.Pattern) && type is not ("text" or "email" or "url"), "Pattern");
        Ignore(ignored, t.MaxSelect is not null && !isList, "MaxSelect");

        var maxSelect = Int(options, "maxSelect");
        var patterns = new List<Regex>(2);
        var sources = new List<string>(2);
        AddPattern(patterns, sources, type == "text" ? Text(options, "pattern") : null);
        AddPattern(patterns, sources, type is "text" or "email" or "url" ? t.Pattern : null);
        return new FieldRule(field.Name, type)
        {
            Required = field.Required || t.Required,
            ReadOnly = t.ReadOnly,
            IsMultiple = type switch
            {
                "relation" => maxSelect is null or > 1,
                "select" or "file" => maxSelect > 1,
                _ => false,
            },
            MinLength = isText ? Stricter(type == "text" ? Int(options, "min") : null, t.MinLength, Math.Max) : null,
            MaxLength = isText ? Stricter(type == "text" ? Int(options, "max") : null, t.MaxLength, Math.Min) : null,
            Min = type == "number" ? Stricter(Number(options, "min"), t.Min, Math.Max) : null,
            Max = type == "number" ? Stricter(Number(options, "max"), t.Max, Math.Min) : null,
            NoDecimal = type == "number" && options.ValueKind == JsonValueKind.Object
                && options.TryGetProperty("noDecimal", out var noDecimal) && noDecimal.ValueKind == JsonValueKind.True,
            Patterns = patterns,
            PatternSources = sources,
            Values = type == "select" ? Strings(options, "values").ToFrozenSet(StringComparer.Ordinal) : null,
            MinSelect = type == "relation" ? Int(options, "minSelect") : null,
            MaxSelect = isList ? Stricter(maxSelect, t.MaxSelect, Math.Min) : null,
            OnlyDomains = type is "email" or "url" ? Strings(options, "onlyDomains") : [],
            ExceptDomains = type is "email" or "url" ? Strings(options, "exceptDomains") : [],
            Earliest = type == "date" ? Date(options, "min") : null,
            Latest = type == "date" ? Date(options, "max") : null,
            MaxFileBytes = type == "file" && Number(options, "maxSize") is > 0 and var maxSize ? (long)maxSize : null,
            MimeTypes = type == "file" ? Strings(options, "mimeTypes") : [],
            Thumbs = type == "file" ? Strings(options, "thumbs") : [],
            Protected = type == "file" && options.ValueKind == JsonValueKind.Object
                && options.TryGetProperty("protected", out var isProtected)
                && isProtected.ValueKind == JsonValueKind.True,
            MaxJsonBytes = type == "json"
                ? Stricter(Int(options, "maxSize") is > 0 and var size ? size : null, t.MaxLength, Math.Min)
                : null,
        };
    }

    private static void Ignore(ICollection<string> ignored, bool condition, string what)
    {
        if (condition)
        {
            ignored.Add(what);
        }
    }

    private static T? Stricter<T>(T? schema, T? configured, Func<T, T, T> pick)
        where T : struct =>
        schema is { } s && configured is { } c ? pick(s, c) : schema ?? configured;

    private static void AddPattern(List<Regex> patterns, List<string> sources, string? pattern)
    {
        if (!string.IsNullOrEmpty(pattern) && Validation.Patterns.Get(pattern) is { } regex)
        {
            patterns.Add(regex);
            sources.Add(pattern);
        }
    }

    private static bool TryGet(JsonElement options, string name, out JsonElement value)
    {
        value = default;
        return options.ValueKind == JsonValueKind.Object && options.TryGetProperty(name, out value);
    }

    private static int? Int(JsonElement options, string name) =>
        TryGet(options, name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetDouble(out var number)
            ? (int)Math.Clamp(Math.Floor(number), int.MinValue, int.MaxValue)
            : null;

    private static double? Number(JsonElement options, string name) =>
        TryGet(options, name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetDouble(out var number)
            ? number
            : null;

    private static string? Text(JsonElement options, string name) =>
        TryGet(options, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[] Strings(JsonElement options, string name) =>
        TryGet(options, name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray()
                .Where(static v => v.ValueKind == JsonValueKind.String)
                .Select(static v => v.GetString()!)]
            : [];

    private static DateTimeOffset? Date(JsonElement options, string name) =>
        Text(options, name) is { Length: > 0 } text && DateValues.TryParse(text, out var date) ? date : null;
}
