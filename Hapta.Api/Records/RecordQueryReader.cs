using System.Globalization;
using Hapta.Errors;
using Hapta.PocketBase;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Hapta.Records;

/// <summary>
/// Takes the records API's query parameters from a request. Only the parameters PocketBase knows are
/// carried on, matched by exact name; when a name repeats, the first value counts, as in PocketBase. Numbers are checked here,
/// because PocketBase would only answer a bare 400 for them.
/// </summary>
internal static class RecordQueryReader
{
    public static RecordQuery ReadList(IQueryCollection query, out ApiError? error)
    {
        var page = First(query, "page");
        var perPage = First(query, "perPage");
        Dictionary<string, FieldError>? problems = null;
        CheckWholeNumber("page", page, ref problems);
        CheckWholeNumber("perPage", perPage, ref problems);
        error = problems is null
            ? null
            : ApiError.BadRequest(
                ApiError.BadRequestMessage,
                "page and perPage must be whole numbers.",
                problems);
        return new RecordQuery
        {
            Page = page,
            PerPage = perPage,
            Sort = First(query, "sort"),
            Filter = First(query, "filter"),
            Expand = First(query, "expand"),
            Fields = First(query, "fields"),
            SkipTotal = First(query, "skipTotal"),
        };
    }

    /// <summary>View, create and update take only <c>expand</c> and <c>fields</c>.</summary>
    public static RecordQuery ReadShaping(IQueryCollection query)
    {
        var expand = First(query, "expand");
        var fields = First(query, "fields");
        return expand is null && fields is null
            ? RecordQuery.Empty
            : new RecordQuery { Expand = expand, Fields = fields };
    }

    /// <summary>PocketBase (Go) reads query names case-sensitively; so does Hapta, or the two would disagree.</summary>
    private static string? First(IQueryCollection query, string name)
    {
        foreach (var (key, values) in query)
        {
            if (string.Equals(key, name, StringComparison.Ordinal) && values.Count > 0)
            {
                return values[0];
            }
        }

        return null;
    }

    private static void CheckWholeNumber(string name, string? value, ref Dictionary<string, FieldError>? problems)
    {
        if (value is null || value.Length == 0
            || long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return;
        }

        problems ??= new Dictionary<string, FieldError>(StringComparer.Ordinal);
        problems[name] = new FieldError("validation_invalid_number", $"{name} must be a whole number.");
    }
}
