using System.Globalization;
using System.Text;
using Hapta.PocketBase;

namespace Hapta.Caching;

/// <summary>
/// Rewrites a records query into one spelling per meaning, so that requests that ask PocketBase the same thing
/// share a cache entry (DESIGN §6): defaults filled in (<c>page=1</c>, <c>perPage=30</c>), numbers without
/// leading zeros or sign, whitespace in <c>filter</c> collapsed outside string literals, <c>sort</c> items
/// trimmed, <c>expand</c> and <c>fields</c> items trimmed, sorted and without duplicates. Nothing is rewritten
/// whose meaning to PocketBase Hapta is not sure of: such a value is kept as written.
/// </summary>
public static class CanonicalQuery
{
    /// <summary>PocketBase's page size when a list names none.</summary>
    public const int DefaultPerPage = 30;

    /// <summary>The canonical form of a list query.</summary>
    public static RecordQuery ForList(RecordQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new RecordQuery
        {
            Page = Number(query.Page, 1),
            PerPage = Number(query.PerPage, DefaultPerPage),
            Sort = Items(query.Sort, sort: false),
            Filter = Filter(query.Filter),
            Expand = Items(query.Expand, sort: true),
            Fields = Items(query.Fields, sort: true),
            SkipTotal = Empty(query.SkipTotal),
        };
    }

    /// <summary>The canonical form of a view query: only <c>expand</c> and <c>fields</c> count.</summary>
    public static RecordQuery ForView(RecordQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var expand = Items(query.Expand, sort: true);
        var fields = Items(query.Fields, sort: true);
        return expand is null && fields is null
            ? RecordQuery.Empty
            : new RecordQuery { Expand = expand, Fields = fields };
    }

    /// <summary>
    /// A positive whole number without leading zeros; an absent or empty value becomes the default. Zero and
    /// negative numbers are kept as written: PocketBase's handling of them is not Hapta's to guess.
    /// </summary>
    private static string Number(string? value, int fallback)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback.ToString(CultureInfo.InvariantCulture);
        }

        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            && number > 0
            ? number.ToString(CultureInfo.InvariantCulture)
            : value;
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>
    /// Splits a comma list at the top level (commas inside parentheses belong to a modifier such as
    /// <c>:excerpt(200,true)</c>), trims each item, and for <paramref name="sort"/> orders them and drops
    /// repeats. A list with an empty item is kept as written, since PocketBase may treat it differently.
    /// </summary>
    private static string? Items(string? value, bool sort)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var items = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            var c = i < value.Length ? value[i] : ',';
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                var item = value[start..i].Trim();
                if (item.Length == 0)
                {
                    return value;
                }

                items.Add(item);
                start = i + 1;
            }
        }

        if (depth != 0)
        {
            return value;
        }

        if (sort)
        {
            items = [.. items.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }

        return string.Join(',', items);
    }

    /// <summary>
    /// Collapses each run of whitespace outside quoted strings into one space and trims the ends. Inside
    /// <c>'…'</c> or <c>"…"</c> every character is kept; as in PocketBase's lexer, a quote preceded by a backslash
    /// does not end the string (even after another backslash). A filter with a <c>//</c> comment, which a newline
    /// ends, or with an unterminated string, is left as written.
    /// </summary>
    private static string? Filter(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = new StringBuilder(value.Length);
        char? quote = null;
        var pendingSpace = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (quote is { } open)
            {
                text.Append(c);
                if (c == open && value[i - 1] != '\\')
                {
                    quote = null;
                }

                continue;
            }

            if (c == '/' && i + 1 < value.Length && value[i + 1] == '/')
            {
                return value;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = text.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                text.Append(' ');
                pendingSpace = false;
            }

            text.Append(c);
            if (c is '\'' or '"')
            {
                quote = c;
            }
        }

        return quote is null ? text.ToString() : value;
    }
}
