using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Hapta.Validation;

/// <summary>
/// Regular expressions of PocketBase's <c>pattern</c> option and of Hapta's rules. PocketBase runs them with
/// Go's RE2, which never backtracks; here they run with .NET's non-backtracking engine, so a hostile value
/// costs linear time. Go's <c>(?P&lt;name&gt;</c> groups are read as .NET's <c>(?&lt;name&gt;</c>. A pattern
/// .NET cannot read is left to PocketBase.
/// </summary>
internal static class Patterns
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
            regex = new Regex(
                pattern.Replace("(?P<", "(?<", StringComparison.Ordinal),
                RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
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
}
