using System.Globalization;
using System.Text.Json;
using Hapta.Errors;
using Hapta.Records;

namespace Hapta.Validation;

/// <summary>
/// Checks one JSON value against its <see cref="FieldRule"/>, with PocketBase's codes and messages where PocketBase
/// makes the same check. Values are read as PocketBase reads them (a number may come as <c>"12"</c>, a list as one
/// string), except where PocketBase would turn a wrong value into an empty one without a word: there Hapta refuses.
/// </summary>
internal static class FieldValues
{
    private static readonly FieldError NotText = new(ValidationCodes.InvalidType, "Must be a text value.");
    private static readonly FieldError NotNumber = new(ValidationCodes.InvalidType, "Must be a finite number.");
    private static readonly FieldError NotBool = new(ValidationCodes.InvalidType, "Must be true or false.");
    private static readonly FieldError NotList =
        new(ValidationCodes.InvalidType, "Must be a text value or a list of text values.");

    private static readonly string[] BoolTexts =
        ["1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False", ""];

    /// <summary>The problem with <paramref name="value"/>, if any, and whether it counts as empty.</summary>
    public static (FieldError? Error, bool Empty) Check(FieldRule rule, JsonElement value, FieldModifier modifier)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Type switch
        {
            "text" or "editor" or "email" or "url" => CheckText(rule, value),
            "number" => CheckNumber(rule, value, modifier),
            "bool" => CheckBool(value),
            "date" => CheckDate(rule, value),
            "select" or "relation" or "file" => CheckList(rule, value, modifier),
            "json" => CheckJson(rule, value),
            _ => (null, false),
        };
    }

    private static (FieldError?, bool) CheckText(FieldRule rule, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return (null, true);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return (NotText, false);
        }

        var text = value.GetString()!;
        return text.Length == 0 ? (null, true) : (CheckText(rule, text), false);
    }

    /// <summary>The checks of a non-empty text value; also used for the parts of a multipart form.</summary>
    public static FieldError? CheckText(FieldRule rule, string text)
    {
        if (TextValues.ControlCharacterAt(text) is >= 0 and var at)
        {
            return ControlCharacter(text, at);
        }

        var length = TextValues.CodePoints(text);
        if (rule.MinLength is { } min && length < min)
        {
            return new FieldError(ValidationCodes.MinText, $"Must be at least {min} character(s).");
        }

        if (rule.MaxLength is { } max && length > max)
        {
            return new FieldError(ValidationCodes.MaxText, $"Must be less than {max} character(s).");
        }

        foreach (var pattern in rule.Patterns)
        {
            if (!pattern.IsMatch(text))
            {
                return new FieldError(ValidationCodes.InvalidFormat, "Invalid value format.");
            }
        }

        return rule.Type switch
        {
            "email" => CheckEmail(rule, text),
            "url" => CheckUrl(rule, text),
            _ => null,
        };
    }

    private static FieldError? CheckEmail(FieldRule rule, string text)
    {
        if (!TextValues.LooksLikeEmail(text))
        {
            return new FieldError(ValidationCodes.InvalidEmail, "Must be a valid email.");
        }

        return DomainAllowed(rule, TextValues.EmailDomain(text))
            ? null
            : new FieldError(ValidationCodes.EmailDomain, "Email domain is not allowed.");
    }

    private static FieldError? CheckUrl(FieldRule rule, string text)
    {
        if (TextValues.UrlHost(text) is not { } host)
        {
            return new FieldError(ValidationCodes.InvalidUrl, "Must be a valid url.");
        }

        return DomainAllowed(rule, host)
            ? null
            : new FieldError(ValidationCodes.UrlDomain, "Url domain is not allowed.");
    }

    private static bool DomainAllowed(FieldRule rule, string domain) =>
        (rule.OnlyDomains.Count == 0 || rule.OnlyDomains.Contains(domain, StringComparer.Ordinal))
        && !rule.ExceptDomains.Contains(domain, StringComparer.Ordinal);

    private static (FieldError?, bool) CheckNumber(FieldRule rule, JsonElement value, FieldModifier modifier)
    {
        if (modifier is FieldModifier.Prepend)
        {
            return (new FieldError(
                ValidationCodes.UnknownField, "A number takes field+ or field-, not +field."), false);
        }

        double number;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return (null, true);
            case JsonValueKind.Number when value.TryGetDouble(out number) && double.IsFinite(number):
                break;
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (text.Length == 0)
                {
                    return (null, true);
                }

                if (!TryParseNumber(text, out number))
                {
                    return (NotNumber, false);
                }

                break;
            default:
                return (NotNumber, false);
        }

        return (CheckNumber(rule, number, modifier), number == 0);
    }

    /// <summary>The checks of a number; a modifier's amount is checked only for decimals.</summary>
    public static FieldError? CheckNumber(FieldRule rule, double number, FieldModifier modifier)
    {
        if (number == 0)
        {
            return null; // PocketBase's zero value: only "required" applies
        }

        if (rule.NoDecimal && number != Math.Truncate(number))
        {
            return new FieldError(ValidationCodes.NoDecimal, "Decimal numbers are not allowed.");
        }

        if (modifier != FieldModifier.None)
        {
            return null;
        }

        if (rule.Min is { } min && number < min)
        {
            return new FieldError(ValidationCodes.MinNumber, $"Must be larger than {Fixed(min)}.");
        }

        return rule.Max is { } max && number > max
            ? new FieldError(ValidationCodes.MaxNumber, $"Must be less than {Fixed(max)}.")
            : null;
    }

    public static bool TryParseNumber(string text, out double number) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)
        && double.IsFinite(number);

    private static (FieldError?, bool) CheckBool(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => (null, false),
        JsonValueKind.False or JsonValueKind.Null => (null, true),
        JsonValueKind.String when Array.IndexOf(BoolTexts, value.GetString()) is >= 0 and var i =>
            (null, i >= 6),
        JsonValueKind.Number when value.TryGetDouble(out var n) && n is 0 or 1 => (null, n == 0),
        _ => (NotBool, false),
    };

    private static (FieldError?, bool) CheckDate(FieldRule rule, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return (null, true);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return (NotDate, false);
        }

        var text = value.GetString()!;
        return text.Length == 0 ? (null, true) : (CheckDate(rule, text), false);
    }

    private static readonly FieldError NotDate =
        new(ValidationCodes.InvalidType, "Must be a date such as 2024-05-01 10:00:00.000Z.");

    public static FieldError? CheckDate(FieldRule rule, string text)
    {
        // .NET reads past a trailing NUL where PocketBase stores no date at all.
        if (TextValues.ControlCharacterAt(text) >= 0 || !DateValues.TryParse(text, out var date))
        {
            return NotDate;
        }

        if (rule.Earliest is { } earliest && date < earliest)
        {
            return new FieldError(ValidationCodes.TooSmall, $"Must be no less than {DateValues.Format(earliest)}.");
        }

        return rule.Latest is { } latest && date > latest
            ? new FieldError(ValidationCodes.TooBig, $"Must be no greater than {DateValues.Format(latest)}.")
            : null;
    }

    private static (FieldError?, bool) CheckList(FieldRule rule, JsonElement value, FieldModifier modifier)
    {
        var items = new List<string>();
        return TryAddItems(items, value)
            ? (CheckList(rule, items, modifier), items.Count == 0)
            : (NotList, false);
    }

    /// <summary>
    /// Adds the values of a list field's body value (null, a text or an array of texts) to
    /// <paramref name="items"/>; false when it is of another form.
    /// </summary>
    public static bool TryAddItems(List<string> items, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                return ListValues.TryAdd(items, value.GetString()!);
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return false;
                    }

                    ListValues.AddItem(items, item.GetString()!);
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>A number field's body value as a number: null for an empty value or one of another form.</summary>
    public static double? NumberOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number) => number,
        JsonValueKind.String when TryParseNumber(value.GetString()!, out var number) => number,
        _ => null,
    };

    /// <summary>The checks of a list of distinct, non-empty values.</summary>
    public static FieldError? CheckList(FieldRule rule, IReadOnlyList<string> items, FieldModifier modifier)
    {
        foreach (var item in items)
        {
            if (ListItemProblem(rule, item) is { } problem)
            {
                return problem;
            }
        }

        if (modifier != FieldModifier.None || items.Count == 0)
        {
            return null;
        }

        var max = rule.MaxSelect ?? (rule.IsMultiple ? int.MaxValue : 1);
        if (!rule.IsMultiple)
        {
            max = Math.Min(max, 1);
        }

        if (items.Count > max)
        {
            return new FieldError(ValidationCodes.TooManyValues, $"Select no more than {max}.");
        }

        return rule.MinSelect is { } min && items.Count < min
            ? new FieldError(ValidationCodes.NotEnoughValues, $"Select at least {min}.")
            : null;
    }

    private static FieldError? ListItemProblem(FieldRule rule, string item) => rule.Type switch
    {
        "select" when !rule.Values!.Contains(item) =>
            new FieldError(ValidationCodes.InvalidValue, $"Invalid value {Printable(item)}."),
        "relation" when !RecordIds.IsValid(item) => new FieldError(
            ValidationCodes.MissingRelation,
            $"{Printable(item)} is not a record id: ids are 15 characters without spaces or @#$&|.,'\"\\/."),
        "file" when !FileNames.IsValid(item) => new FieldError(
            ValidationCodes.InvalidValue,
            $"{Printable(item)} is not a stored file name; upload files as multipart/form-data."),
        _ => null,
    };

    private static (FieldError?, bool) CheckJson(FieldRule rule, JsonElement value)
    {
        if (JsonShape.DuplicateKey(value) is { } duplicate)
        {
            return (new FieldError(
                    ValidationCodes.DuplicateKey, $"The value names {Printable(duplicate)} twice in one object."),
                false);
        }

        if (rule.MaxJsonBytes is { } max && JsonShape.GoSize(value) > max)
        {
            return (new FieldError(ValidationCodes.JsonSize, $"The maximum allowed JSON size is {max} bytes."), false);
        }

        var empty = value.ValueKind switch
        {
            JsonValueKind.Null => true,
            JsonValueKind.String => value.GetString()!.Length == 0,
            JsonValueKind.Array => value.GetArrayLength() == 0,
            JsonValueKind.Object => !value.EnumerateObject().Any(),
            _ => false,
        };
        return (null, empty);
    }

    private static FieldError ControlCharacter(string text, int at) => new(
        ValidationCodes.ControlCharacter,
        $"Holds a control character (U+{(int)text[at]:X4}) at position {at + 1}; "
            + "only tab and line breaks are allowed.");

    private static string Fixed(double number) => number.ToString("F6", CultureInfo.InvariantCulture);

    /// <summary>A value short and plain enough to quote back in a message.</summary>
    public static string Printable(string value) =>
        value.Length <= 64 && TextValues.ControlCharacterAt(value) < 0
            ? $"\"{value}\""
            : "(a long or unprintable value)";
}
