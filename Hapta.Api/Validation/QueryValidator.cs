using System.Globalization;
using Hapta.Collections;
using Hapta.Errors;
using Hapta.PocketBase;
using Microsoft.Extensions.Options;

namespace Hapta.Validation;

/// <summary>
/// Checks the query of a records request against the collection before PocketBase is asked (issue #7, point 3):
/// <c>page</c> from 1, <c>perPage</c> within <see cref="ValidationOptions.MaxPerPage"/>, <c>filter</c> within its
/// length and well formed, and the names in <c>sort</c>, <c>fields</c> and <c>expand</c> fields the collection
/// has. Relation paths are checked at their first step only: where they lead is another collection's schema.
/// Every problem is reported at once, under the parameter's name, in PocketBase's field-error shape.
/// </summary>
internal sealed class QueryValidator(IOptions<ValidationOptions> options)
{
    private static readonly string[] SystemFields = ["id", "created", "updated"];
    private static readonly string[] AuthFields = ["username", "email", "emailVisibility", "verified"];

    /// <summary>The macros of a filter PocketBase 0.22 knows, other than the admin-only ones.</summary>
    private static readonly string[] DateMacros =
    [
        "@now", "@second", "@minute", "@hour", "@weekday", "@day", "@month", "@year",
        "@todayStart", "@todayEnd", "@monthStart", "@monthEnd", "@yearStart", "@yearEnd",
    ];

    /// <summary>What PocketBase refuses anywhere in a non-admin's filter or sort, quoted or not, with a 403.</summary>
    private static readonly string[] AdminOnlyMacros = ["@collection.", "@request."];

    public ApiError? Check(CollectionInfo collection, RecordQuery query)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(query);
        if (ReferenceEquals(query, RecordQuery.Empty))
        {
            return null;
        }

        if ((AdminOnly(query.Filter) ?? AdminOnly(query.Sort)) is { } macro)
        {
            return ApiError.Forbidden(
                $"Only admins can filter by {macro}",
                $"PocketBase lets only admins name {macro}… in a filter or sort, even inside quotes; clients "
                    + "of Hapta are never admins. Filter by the record's own fields instead.");
        }

        var o = options.Value;
        Dictionary<string, FieldError>? problems = null;
        CheckRange(ref problems, "page", query.Page, 1, int.MaxValue);
        CheckRange(ref problems, "perPage", query.PerPage, 1, o.MaxPerPage);
        if (query.Filter is { } filter)
        {
            if (filter.Length > o.MaxFilterLength)
            {
                Add(ref problems, "filter", new FieldError(
                    ValidationCodes.TooLong, $"The length must be no more than {o.MaxFilterLength}."));
            }
            else if (FilterSyntax.Problem(filter) is { } syntax)
            {
                Add(ref problems, "filter", new FieldError(ValidationCodes.BadSyntax, syntax));
            }
            else if (FilterName(collection, filter) is { } unknown)
            {
                Add(ref problems, "filter", unknown);
            }
        }

        // Lambdas only for what is there: most requests name no sort, fields or expand.
        if (!string.IsNullOrEmpty(query.Sort))
        {
            CheckNames(ref problems, "sort", query.Sort, name => SortName(collection, name));
        }

        if (!string.IsNullOrEmpty(query.Fields))
        {
            CheckNames(ref problems, "fields", query.Fields, name => FieldsName(collection, name));
        }

        if (!string.IsNullOrEmpty(query.Expand))
        {
            CheckNames(ref problems, "expand", query.Expand, name => ExpandName(collection, name, o.MaxExpandDepth));
        }

        return problems is null
            ? null
            : ApiError.BadRequest(
                ApiError.BadRequestMessage,
                "The query names something the collection does not have, or is out of range: see data.",
                problems);
    }

    private static void Add(ref Dictionary<string, FieldError>? problems, string name, FieldError problem)
    {
        problems ??= new Dictionary<string, FieldError>(StringComparer.Ordinal);
        problems[name] = problem;
    }

    private static void CheckRange(
        ref Dictionary<string, FieldError>? problems,
        string name,
        string? value,
        int min,
        int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            Add(ref problems, name, new FieldError(ValidationCodes.InvalidNumber, $"{name} must be a whole number."));
        }
        else if (number < min)
        {
            Add(ref problems, name, new FieldError(ValidationCodes.TooSmall, $"Must be no less than {min}."));
        }
        else if (number > max)
        {
            Add(ref problems, name, new FieldError(ValidationCodes.TooBig, $"Must be no greater than {max}."));
        }
    }

    /// <summary>Checks each comma-separated item; the first problem found is reported.</summary>
    private static void CheckNames(
        ref Dictionary<string, FieldError>? problems,
        string parameter,
        string list,
        Func<string, FieldError?> check)
    {
        foreach (var item in SplitOutsideParentheses(list))
        {
            if (check(item.Trim()) is { } problem)
            {
                Add(ref problems, parameter, problem);
                return;
            }
        }
    }

    /// <summary>Comma-separated items; a comma inside parentheses (<c>:excerpt(12,true)</c>) does not split.</summary>
    private static IEnumerable<string> SplitOutsideParentheses(string list)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ',' when depth == 0:
                    yield return list[start..i];
                    start = i + 1;
                    break;
                default:
                    break;
            }
        }

        yield return list[start..];
    }

    /// <summary>
    /// The first field a filter names that the collection lacks. Macros (<c>@request…</c>, <c>@collection…</c>,
    /// <c>@now</c>) and keywords are PocketBase's to judge; a <c>:modifier</c> is ignored.
    /// </summary>
    private static FieldError? FilterName(CollectionInfo collection, string filter)
    {
        foreach (var identifier in FilterSyntax.Identifiers(filter))
        {
            if (identifier[0] == '@')
            {
                if (Array.IndexOf(DateMacros, identifier) < 0)
                {
                    return new FieldError(
                        ValidationCodes.BadSyntax,
                        $"The filter names \"{Printable(identifier)}\", which is not one of PocketBase's macros "
                            + "(@now, @todayStart, @monthEnd, …).");
                }

                continue;
            }

            if (identifier.ToLowerInvariant() is "true" or "false" or "null")
            {
                continue;
            }

            var colon = identifier.IndexOf(':', StringComparison.Ordinal);
            var path = colon < 0 ? identifier : identifier[..colon];
            if (FirstStep(collection, path, allowMeta: false) is { } problem)
            {
                return problem with { Message = $"The filter names \"{path}\": {problem.Message}" };
            }
        }

        return null;
    }

    private static string? AdminOnly(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        foreach (var macro in AdminOnlyMacros)
        {
            if (value.Contains(macro, StringComparison.Ordinal))
            {
                return macro;
            }
        }

        return null;
    }

    private static string Printable(string value) =>
        value.Any(char.IsControl) ? "(unprintable)" : value.Length <= 64 ? value : value[..64] + "…";

    private static FieldError? SortName(CollectionInfo collection, string item)
    {
        var name = item.TrimStart('-', '+');
        if (name is "@random" or "@rowid")
        {
            return null;
        }

        return FirstStep(collection, name, allowMeta: false);
    }

    private static FieldError? FieldsName(CollectionInfo collection, string item)
    {
        var colon = item.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? item : item[..colon];
        if (name == "*" || name == "expand" || name.StartsWith("expand.", StringComparison.Ordinal))
        {
            return null;
        }

        return FirstStep(collection, name, allowMeta: true);
    }

    private static FieldError? ExpandName(CollectionInfo collection, string item, int maxDepth)
    {
        var steps = item.Split('.');
        if (steps.Length > maxDepth)
        {
            return new FieldError(
                ValidationCodes.TooDeep, $"\"{item}\" expands {steps.Length} relations deep; at most {maxDepth}.");
        }

        var first = steps[0];
        var isRelation = collection.Fields.Any(
            f => f.Type == "relation" && string.Equals(f.Name, first, StringComparison.Ordinal));
        return isRelation || IsBackRelation(first)
            ? null
            : new FieldError(
                ValidationCodes.UnknownField, $"\"{first}\" is not a relation field of {collection.Name}.");
    }

    /// <summary>
    /// The first step of a path (before any dot) is a field of the collection; a later step needs a relation.
    /// </summary>
    private static FieldError? FirstStep(CollectionInfo collection, string path, bool allowMeta)
    {
        if (path.Length == 0)
        {
            return new FieldError(ValidationCodes.UnknownField, "An empty name.");
        }

        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var first = dot < 0 ? path : path[..dot];
        var field = collection.Fields.FirstOrDefault(f => string.Equals(f.Name, first, StringComparison.Ordinal));
        var known = field is not null
            || Array.IndexOf(SystemFields, first) >= 0 && (collection.Type != "view" || first == "id")
            || collection.Type == "auth" && Array.IndexOf(AuthFields, first) >= 0
            || allowMeta && first is "collectionId" or "collectionName"
            || dot > 0 && IsBackRelation(first);
        if (!known)
        {
            return new FieldError(ValidationCodes.UnknownField, $"{collection.Name} has no field \"{first}\".");
        }

        return dot > 0 && field is not null && field.Type is not ("relation" or "json")
            ? new FieldError(ValidationCodes.UnknownField, $"\"{first}\" is not a relation; \"{path}\" leads nowhere.")
            : null;
    }

    /// <summary>PocketBase's back-relations: <c>{collection}_via_{field}</c>.</summary>
    private static bool IsBackRelation(string name) =>
        name.Contains("_via_", StringComparison.Ordinal) && !name.StartsWith("_via_", StringComparison.Ordinal)
        && !name.EndsWith("_via_", StringComparison.Ordinal);
}
