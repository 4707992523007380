using System.Text.Json;
using Hapta.Collections;
using Hapta.Errors;
using Hapta.Records;

namespace Hapta.Validation;

/// <summary>
/// Checks a JSON record body against the collection's schema before PocketBase is asked (issue #7, point 2): each
/// key a field of the collection (no mass assignment), each value of its field's type and within its limits,
/// required fields given on create, system fields left to PocketBase, no key twice. Every problem is reported at
/// once under its key, in PocketBase's field-error shape, with PocketBase's message for a failed create or update.
/// </summary>
internal sealed class BodyValidator(SchemaRules schema)
{
    private static readonly JsonDocumentOptions StrictJson = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    private static readonly FieldError RequiredValue = new(ValidationCodes.Required, "Missing required value.");

    public ApiError? Check(CollectionInfo collection, BodyOperation operation, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var failed = operation == BodyOperation.Create ? "Failed to create record." : "Failed to update record.";
        var rules = schema.For(collection);
        if (rules.IsView)
        {
            return ApiError.BadRequest(
                failed, $"{collection.Name} is a view collection: its records cannot be written.");
        }

        try
        {
            using var document = JsonDocument.Parse(body, StrictJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return InvalidBody("The body must be one JSON object.");
            }

            var problems = new Dictionary<string, FieldError>(StringComparer.Ordinal);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var filled = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!keys.Add(property.Name))
                {
                    problems[property.Name] = new FieldError(
                        ValidationCodes.DuplicateKey, "The body names this field twice; send it once.");
                    continue;
                }

                if (CheckProperty(rules, operation, property, filled) is { } problem)
                {
                    problems[property.Name] = problem;
                }
            }

            if (operation == BodyOperation.Create && problems.Count == 0)
            {
                CheckModifiedOnCreate(rules, document.RootElement, problems);
            }

            CheckRequired(rules, operation, document.RootElement, filled, problems);
            return problems.Count == 0
                ? null
                : ApiError.BadRequest(
                    failed, $"The body does not fit the schema of {collection.Name}: see data.", problems);
        }
        catch (JsonException)
        {
            return InvalidBody(
                "The body must be one well-formed JSON object (UTF-8, no comments, at most 64 levels deep).");
        }
        catch (InvalidOperationException)
        {
            // A \u escape of half a surrogate pair: PocketBase would store U+FFFD in its place.
            return InvalidBody("The body holds a \\u escape that is not a whole character (half a surrogate pair).");
        }
    }

    /// <summary>The text fields of a multipart body, checked as the JSON object PocketBase makes of them.</summary>
    public ApiError? CheckForm(
        CollectionInfo collection,
        BodyOperation operation,
        IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> fields)
    {
        var (json, problem) = FormFields.ToJson(fields);
        return problem ?? Check(collection, operation, json);
    }

    private static ApiError InvalidBody(string detail) => ApiError.BadRequest(ApiError.InvalidBodyMessage, detail);

    /// <summary>
    /// Fields given a non-empty value are remembered in <paramref name="filled"/> under the field's name (by a
    /// modifier's key as well, so that <c>likes+</c> satisfies a required <c>likes</c>).
    /// </summary>
    private static FieldError? CheckProperty(
        CollectionRules rules,
        BodyOperation operation,
        JsonProperty property,
        HashSet<string> filled)
    {
        var key = property.Name;
        if (SystemFieldProblem(rules, operation, key, property.Value, out var isSystem) is { } systemProblem)
        {
            return systemProblem;
        }

        if (isSystem)
        {
            return null;
        }

        var (name, modifier) = Split(rules, key);
        if (name is null)
        {
            return new FieldError(
                ValidationCodes.UnknownField, $"{rules.Collection.Name} has no field \"{Shown(key)}\".");
        }

        var rule = rules.Fields[name];
        if (rule.ReadOnly)
        {
            return new FieldError(ValidationCodes.ReadOnly, "Clients cannot set this field.");
        }

        if (!ModifierFits(rule, modifier))
        {
            return new FieldError(
                ValidationCodes.UnknownField, $"A {rule.Type} field takes no \"{Shown(key)}\" modifier.");
        }

        var (problem, empty) = FieldValues.Check(rule, property.Value, modifier);
        if (problem is null && modifier == FieldModifier.None && empty && rule.Required)
        {
            return RequiredValue;
        }

        if (!empty && modifier != FieldModifier.Remove)
        {
            filled.Add(name);
        }

        return problem;
    }

    /// <summary>
    /// On create a field set only through modifiers (<c>count+</c>, <c>tags-</c>) starts from its zero value, so the
    /// value PocketBase will store is known here and is checked as if it had been sent: <c>count-: 5</c> is -5 and
    /// <c>tags+</c> with four values is four values. A field also sent plainly is left alone, as PocketBase's order
    /// of applying the two is its own.
    /// </summary>
    private static void CheckModifiedOnCreate(
        CollectionRules rules,
        JsonElement body,
        Dictionary<string, FieldError> problems)
    {
        foreach (var property in body.EnumerateObject())
        {
            var (name, modifier) = Split(rules, property.Name);
            if (name is null || modifier == FieldModifier.None || body.TryGetProperty(name, out _)
                || FirstModifierKey(body, name) != property.Name)
            {
                continue; // each field once, under its first modifier key
            }

            var rule = rules.Fields[name];
            if (ResultOnCreate(rule, body, name) is { } problem)
            {
                problems[property.Name] = problem;
            }
        }
    }

    private static string? FirstModifierKey(JsonElement body, string name)
    {
        foreach (var property in body.EnumerateObject())
        {
            var key = property.Name;
            if (key.Length == name.Length + 1
                && (key.StartsWith(name, StringComparison.Ordinal) && key[^1] is '+' or '-'
                    || key[0] == '+' && key.EndsWith(name, StringComparison.Ordinal)))
            {
                return key;
            }
        }

        return null;
    }

    private static FieldError? ResultOnCreate(FieldRule rule, JsonElement body, string name)
    {
        if (rule.Type == "number")
        {
            var total = 0d;
            if (body.TryGetProperty(name + "+", out var added))
            {
                total += FieldValues.NumberOf(added) ?? 0;
            }

            if (body.TryGetProperty(name + "-", out var removed))
            {
                total -= FieldValues.NumberOf(removed) ?? 0;
            }

            return total == 0 && rule.Required
                ? RequiredValue
                : FieldValues.CheckNumber(rule, total, FieldModifier.None);
        }

        if (rule.Type is not ("select" or "relation"))
        {
            return null;
        }

        var items = new List<string>();
        if (body.TryGetProperty("+" + name, out var prepended))
        {
            FieldValues.TryAddItems(items, prepended);
        }

        if (body.TryGetProperty(name + "+", out var appended))
        {
            FieldValues.TryAddItems(items, appended);
        }

        if (body.TryGetProperty(name + "-", out var removedItems))
        {
            var gone = new List<string>();
            FieldValues.TryAddItems(gone, removedItems);
            items.RemoveAll(gone.Contains);
        }

        return items.Count == 0 && rule.Required
            ? RequiredValue
            : FieldValues.CheckList(rule, items.Distinct(StringComparer.Ordinal).ToList(), FieldModifier.None);
    }

    /// <summary>The field a key names, with its modifier; the name is null for an unknown key.</summary>
    private static (string? Name, FieldModifier Modifier) Split(CollectionRules rules, string key)
    {
        if (rules.Fields.ContainsKey(key))
        {
            return (key, FieldModifier.None);
        }

        if (key.Length > 1)
        {
            if (key[^1] == '+' && rules.Fields.ContainsKey(key[..^1]))
            {
                return (key[..^1], FieldModifier.Append);
            }

            if (key[0] == '+' && rules.Fields.ContainsKey(key[1..]))
            {
                return (key[1..], FieldModifier.Prepend);
            }

            if (key[^1] == '-' && rules.Fields.ContainsKey(key[..^1]))
            {
                return (key[..^1], FieldModifier.Remove);
            }
        }

        return (null, FieldModifier.None);
    }

    private static bool ModifierFits(FieldRule rule, FieldModifier modifier) => modifier switch
    {
        FieldModifier.None => true,
        FieldModifier.Remove => rule.Type is "number" or "select" or "relation" or "file",
        FieldModifier.Append => rule.Type is "number" or "select" or "relation",
        _ => rule.Type is "select" or "relation",
    };

    /// <summary>
    /// System fields: <c>id</c> may be chosen on create, in PocketBase's form; the rest are PocketBase's own, as are
    /// the internal fields of auth collections.
    /// </summary>
    private static FieldError? SystemFieldProblem(
        CollectionRules rules,
        BodyOperation operation,
        string key,
        JsonElement value,
        out bool isSystem)
    {
        isSystem = true;
        switch (key)
        {
            case "id" when operation == BodyOperation.Update:
                return new FieldError(ValidationCodes.ReadOnly, "The id of a record cannot change; leave it out.");
            case "id":
                return IdProblem(value);
            case "created" or "updated" or "collectionId" or "collectionName" or "expand":
                return new FieldError(ValidationCodes.ReadOnly, "PocketBase sets this; leave it out of the body.");
            default:
                break;
        }

        if (rules.IsAuth && !rules.Fields.ContainsKey(key))
        {
            if (AuthFields.IsInternal(key))
            {
                return new FieldError(ValidationCodes.ReadOnly, "Only PocketBase or an admin can set this field.");
            }

            if (AuthFields.IsSettable(key, operation))
            {
                return AuthFields.Check(key, value);
            }
        }

        isSystem = false;
        return null;
    }

    private static FieldError? IdProblem(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null || value.ValueKind == JsonValueKind.String && value.GetString() == "")
        {
            return null; // PocketBase makes one up
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return new FieldError(ValidationCodes.InvalidType, "Must be a text value.");
        }

        var id = value.GetString()!;
        return !RecordIds.HasLength(id)
            ? new FieldError(ValidationCodes.LengthInvalid, $"The length must be exactly {RecordIds.Length}.")
            : RecordIds.IsValid(id)
                ? null
                : new FieldError(ValidationCodes.MatchInvalid, "Must be in a valid format.");
    }

    private static void CheckRequired(
        CollectionRules rules,
        BodyOperation operation,
        JsonElement body,
        HashSet<string> filled,
        Dictionary<string, FieldError> problems)
    {
        if (operation == BodyOperation.Create)
        {
            foreach (var rule in rules.Fields.Values)
            {
                if (rule.Required && !rule.ReadOnly && !filled.Contains(rule.Name) && !problems.ContainsKey(rule.Name))
                {
                    problems[rule.Name] = RequiredValue;
                }
            }
        }

        if (!rules.IsAuth)
        {
            return;
        }

        var password = Text(body, "password");
        if (operation == BodyOperation.Create && string.IsNullOrEmpty(password))
        {
            problems.TryAdd("password", RequiredValue);
        }

        if (string.IsNullOrEmpty(password))
        {
            return;
        }

        var confirm = Text(body, "passwordConfirm");
        if (string.IsNullOrEmpty(confirm))
        {
            problems.TryAdd("passwordConfirm", RequiredValue);
        }
        else if (!string.Equals(password, confirm, StringComparison.Ordinal))
        {
            problems.TryAdd("passwordConfirm", new FieldError(ValidationCodes.ValuesMismatch, "Values don't match."));
        }

        if (operation == BodyOperation.Update && string.IsNullOrEmpty(Text(body, "oldPassword")))
        {
            problems.TryAdd("oldPassword", RequiredValue);
        }
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Shown(string key) =>
        TextValues.ControlCharacterAt(key) >= 0 ? "(unprintable)"
        : key.Length <= 64 ? key
        : key[..(char.IsHighSurrogate(key[31]) ? 31 : 32)] + "…";
}
