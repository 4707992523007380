using System.Buffers;
using System.Text.RegularExpressions;

namespace Hapta.Validation;

/// <summary>
/// Checks on text values that PocketBase makes only loosely or not at all. Each one refuses only what is plainly
/// wrong, so that nothing PocketBase would accept is refused here.
/// </summary>
internal static partial class TextValues
{
    // Go's govalidator e-mail rule, unquoted local part only; U is its range of letters beyond ASCII.
    private const string U = "\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF";
    private const string Atom = "[a-zA-Z0-9!#$%&'*+\\-/=?^_`{|}~" + U + "]+";
    private const string Middle = "[a-zA-Z0-9\\-.~_" + U + "]*";
    private const string Label = "[a-zA-Z0-9" + U + "](" + Middle + "[a-zA-Z0-9" + U + "])?";
    private const string Last = "[a-zA-Z" + U + "](" + Middle + "[a-zA-Z" + U + "])?";
    private const string EmailPattern = "^" + Atom + "(\\." + Atom + ")*@(" + Label + "\\.)+" + Last + "\\.?\\z";

    private static readonly string[] UrlSchemes = ["http", "https", "ftp", "ws", "wss", "tcp", "udp"];

    /// <summary>Characters as PocketBase counts them: Unicode code points, a surrogate pair being one.</summary>
    public static int CodePoints(string value)
    {
        var count = value.Length;
        for (var i = 0; i < value.Length - 1; i++)
        {
            if (char.IsHighSurrogate(value[i]) && char.IsLowSurrogate(value[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }

    /// <summary>
    /// The position of the first C0 control character other than tab, line feed and carriage return, or -1.
    /// A NUL or an escape sequence in a stored text is an attack on whatever later displays or parses it.
    /// </summary>
    public static int ControlCharacterAt(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] < ' ' && value[i] is not ('\t' or '\n' or '\r'))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Whether <paramref name="value"/> is an address by the rule PocketBase applies (Go's govalidator): a local part
    /// of atoms joined by single dots; a domain of labels that begin and end with a letter or digit, then a last
    /// label that begins and ends with a letter; letters beyond ASCII allowed up to U+FFEF. PocketBase also takes a
    /// quoted local part (<c>"ann lee"@example.com</c>), which no sign-up form sends and which is refused here.
    /// </summary>
    public static bool LooksLikeEmail(string value) => Email().IsMatch(value);

    /// <summary>The part after the last <c>@</c> of an address.</summary>
    public static string EmailDomain(string value) => value[(value.LastIndexOf('@') + 1)..];

    /// <summary>
    /// The host of a URL PocketBase would accept, or <see langword="null"/> for one it would refuse for certain:
    /// a scheme other than http, https, ftp, ws, wss, tcp and udp in lower case (so no <c>javascript:</c>), white
    /// space, no host. As in PocketBase the scheme may be left out, but then the host needs a dot or a port.
    /// </summary>
    public static string? UrlHost(string value)
    {
        if (value.Length > 2083 || value.AsSpan().ContainsAny(" \t\r\n\f\v"))
        {
            return null;
        }

        var separator = value.IndexOf("://", StringComparison.Ordinal);
        if (separator >= 0 && !UrlSchemes.Contains(value[..separator], StringComparer.Ordinal))
        {
            return null;
        }

        // Without a scheme or a port, Go reads the whole value as a path, and PocketBase wants a dot in it.
        if (separator < 0 && !value.Contains(':', StringComparison.Ordinal)
            && !value.AsSpan(0, value.AsSpan().IndexOfAny('?', '#') is >= 0 and var end ? end : value.Length)
                .Contains('.'))
        {
            return null;
        }

        if (separator < 0 && value.Contains(':', StringComparison.Ordinal)
            && !Uri.TryCreate("http://" + value, UriKind.Absolute, out _))
        {
            return null;
        }

        var absolute = separator >= 0 ? value : "http://" + value;
        return Uri.TryCreate(absolute, UriKind.Absolute, out var uri) && uri.Host.Length > 0 && uri.Host[0] != '.'
            ? uri.Host
            : null;
    }

    [GeneratedRegex(EmailPattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex Email();
}
