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
}
