namespace Hapta.Validation;

/// <summary>
/// The shape of a PocketBase filter, checked without parsing it: quotes closed, parentheses balanced and not
/// nested absurdly deep, no control characters. What a filter means (its fields, its operators) is left to
/// PocketBase; what Hapta refuses here PocketBase would refuse too, only without saying why.
/// </summary>
internal static class FilterSyntax
{
    private const int MaxNesting = 32;

    /// <summary>What is wrong with <paramref name="filter"/>'s shape, or <see langword="null"/>.</summary>
    public static string? Problem(string filter)
    {
        var depth = 0;
        var quote = '\0';
        for (var i = 0; i < filter.Length; i++)
        {
            var c = filter[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return $"The filter holds a control character (U+{(int)c:X4}) at position {i + 1}.";
            }

            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    break;
                case '(':
                    if (++depth > MaxNesting)
                    {
                        return $"The filter nests parentheses more than {MaxNesting} deep.";
                    }

                    break;
                case ')':
                    if (--depth < 0)
                    {
                        return $"The filter closes a parenthesis it never opened, at position {i + 1}.";
                    }

                    break;
                default:
                    break;
            }
        }

        return quote != '\0' ? "The filter leaves a quoted text unclosed."
            : depth > 0 ? "The filter leaves a parenthesis unclosed."
            : null;
    }

    /// <summary>
    /// The identifiers of a well-formed filter, outside quoted texts: field paths (<c>author.name</c>, with any
    /// <c>:modifier</c> kept), macros (<c>@request.auth.id</c>) and the keywords <c>true</c>, <c>false</c> and
    /// <c>null</c>. Numbers are skipped.
    /// </summary>
    public static IEnumerable<string> Identifiers(string filter)
    {
        var i = 0;
        while (i < filter.Length)
        {
            var c = filter[i];
            if (c is '\'' or '"')
            {
                i = AfterQuoted(filter, i);
            }
            else if (char.IsAsciiLetter(c) || c is '_' or '@')
            {
                var start = i;
                while (++i < filter.Length && (char.IsAsciiLetterOrDigit(filter[i]) || filter[i] is '_' or '.' or ':'))
                {
                }

                yield return filter[start..i];
            }
            else if (char.IsAsciiDigit(c))
            {
                while (++i < filter.Length && (char.IsAsciiLetterOrDigit(filter[i]) || filter[i] is '.' or '_'))
                {
                }
            }
            else
            {
                i++;
            }
        }
    }

    private static int AfterQuoted(string filter, int open)
    {
        for (var i = open + 1; i < filter.Length; i++)
        {
            if (filter[i] == '\\')
            {
                i++;
            }
            else if (filter[i] == filter[open])
            {
                return i + 1;
            }
        }

        return filter.Length;
    }
}
