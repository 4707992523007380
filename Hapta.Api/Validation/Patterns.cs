using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Hapta.Validation;

/// <summary>
/// Regular expressions of PocketBase's <c>pattern</c> option and of Hapta's rules. PocketBase runs them with
/// Go's RE2, which never backtracks; here they run with .NET's non-backtracking engine, so a hostile value
/// costs linear time. Go's <c>(?P&lt;name&gt;</c> groups are read as .NET's <c>(?&lt;name&gt;</c>, and a <c>$</c>
/// outside a character class as <c>\z</c>: in Go it means the end of the text, where .NET's also matches before a
/// final line feed (unless the pattern turns on multi-line mode, where both mean the end of a line). A pattern
/// .NET cannot read is left to PocketBase.
/// </summary>
internal static partial class Patterns
{
    private static readonly ConcurrentDictionary<string, Regex?> Compiled = new(StringComparer.Ordinal);

    /// <summary>The compiled pattern, or <see langword="null"/> when .NET cannot read it.</summary>
    public static Regex? Get(string pattern) =>
        Compiled.GetOrAdd(pattern, static p => TryCompile(p, out var regex) ? regex : null);

    /// <summary>Why <paramref name="pattern"/> cannot be used, or <see langword="null"/>.</summary>
    public static string? Problem(string pattern) =>
        TryCompile(pattern, out _, out var problem) ? null : problem;

    private static bool TryCompile(string pattern, out Regex? regex) => TryCompile(pattern, out regex, out _);

    private static bool TryCompile(string pattern, out Regex? regex, out string? problem)
    {
        try
        {
            regex = new Regex(Translate(pattern), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            regex = null;
            problem = ex.Message;
            return false;
        }
    }

    /// <summary>Go's RE2 syntax as .NET reads it; see the class remarks.</summary>
    internal static string Translate(string pattern)
    {
        var translated = pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);
        if (!translated.Contains('$', StringComparison.Ordinal) || MultiLine().IsMatch(translated))
        {
            return translated;
        }

        var text = new StringBuilder(translated.Length + 4);
        var inClass = false;
        for (var i = 0; i < translated.Length; i++)
        {
            var c = translated[i];
            if (c == '\\' && i + 1 < translated.Length)
            {
                text.Append(c).Append(translated[++i]);
            }
            else if (!inClass && c == '[')
            {
                // A ']' first in a class (after any '^') is one of its characters, not its end.
                inClass = true;
                text.Append(c);
                if (i + 1 < translated.Length && translated[i + 1] == '^')
                {
                    text.Append(translated[++i]);
                }

                if (i + 1 < translated.Length && translated[i + 1] == ']')
                {
                    text.Append(translated[++i]);
                }
            }
            else if (inClass && c == ']')
            {
                inClass = false;
                text.Append(c);
            }
            else if (!inClass && c == '$')
            {
                text.Append("\\z");
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"\(\?[a-zA-Z]*m", RegexOptions.CultureInvariant)]
    private static partial Regex MultiLine();
}
