namespace Hapta.Configuration;

/// <summary>
/// Reads the common <c>.env</c> form: <c>NAME=value</c> lines, optional <c>export</c>, <c>#</c> comments,
/// values optionally in single or double quotes. No interpolation: a value is taken literally.
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

            var name = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }
            else if (value.IndexOf(" #", StringComparison.Ordinal) is var comment and >= 0)
            {
                value = value[..comment].TrimEnd();
            }

            yield return (name, value);
        }
    }
}
