namespace Hapta.Configuration;

/// <summary>
/// Reads the common <c>.env</c> form: <c>NAME=value</c> lines, optional <c>export</c>, <c>#</c> comments
/// (whole lines, or after a space behind an unquoted value), values optionally in single or double quotes.
/// No interpolation: a value is taken literally.
/// </summary>
internal static class DotEnvFile
{
    public static IEnumerable<(string Name, string Value)> Parse(IEnumerable<string> lines)
    {
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            yield return (line[..equals].Trim(), ReadValue(line[(equals + 1)..]));
        }
    }

    private static string ReadValue(string rest)
    {
        var value = rest.TrimStart();
        if (value.Length > 0 && value[0] is '"' or '\'')
        {
            // Everything up to the matching quote, whatever follows it (a comment, say).
            var close = value.IndexOf(value[0], 1);
            return close > 0 ? value[1..close] : value;
        }

        if (value.StartsWith('#'))
        {
            return "";
        }

        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        return (comment >= 0 ? value[..comment] : value).TrimEnd();
    }
}
