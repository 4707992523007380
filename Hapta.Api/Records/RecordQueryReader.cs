using System.Globalization;
using Hapta.Errors;
using Hapta.PocketBase;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Hapta.Records;

/// <summary>
/// Takes the records API's query parameters from a request. Only the parameters PocketBase knows are
/// carried on, matched by exact name; when a name repeats, the first value counts, as in PocketBase.
/// </summary>
internal static class RecordQueryReader
{
    /// <summary>The list parameters as given; <see cref="Validation.QueryValidator"/> checks them.</summary>
    public static RecordQuery ReadList(IQueryCollection query) => new()
    {
        Page = First(query, "page"),
        PerPage = First(query, "perPage"),
        Sort = First(query, "sort"),
        Filter = First(query, "filter"),
        Expand = First(query, "expand"),
        Fields = First(query, "fields"),
        SkipTotal = First(query, "skipTotal"),
    };

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
}
