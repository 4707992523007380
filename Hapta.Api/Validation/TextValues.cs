using System.Buffers;

namespace Hapta.Validation;

/// <summary>
/// Checks on text values that PocketBase makes only loosely or not at all. Each one refuses only what is plainly
/// wrong, so that nothing PocketBase would accept is refused here.
/// </summary>
internal static class TextValues
{
    private static readonly SearchValues<char> EmailForbidden = SearchValues.Create(" \t\r\n\f\v<>()[]\\,;:\"");
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
    /// Whether <paramref name="value"/> may be an address: false for what PocketBase's email check refuses for
    /// certain (no local part, no domain, a domain without a dot, spaces, brackets, a second @, over 254
    /// characters) and for quoted local parts (<c>"ann lee"@example.com</c>), which no sign-up form sends.
    /// </summary>
    public static bool LooksLikeEmail(string value)
    {
        var at = value.LastIndexOf('@');
        if (value.Length > 254 || at <= 0 || at > 64 || at == value.Length - 1)
        {
            return false;
        }

        var local = value.AsSpan(0, at);
        var domain = value.AsSpan(at + 1);
        return !local.ContainsAny(EmailForbidden) && !domain.ContainsAny(EmailForbidden) && !local.Contains('@')
            && domain.Contains('.') && domain[0] != '.' && domain[^1] != '.'
            && !domain.Contains("..", StringComparison.Ordinal)
            && local[0] != '.' && local[^1] != '.';
    }

    /// <summary>The part after the last <c>@</c> of an address.</summary>
    public static string EmailDomain(string value) => value[(value.LastIndexOf('@') + 1)..];

    /// <summary>
    /// The host of a URL PocketBase would accept, or <see langword="null"/> for one it would refuse for certain:
    /// a scheme other than http, https, ftp, ws, wss, tcp and udp (so no <c>javascript:</c>), white space, no host.
    /// As in PocketBase the scheme may be left out.
    /// </summary>
    public static string? UrlHost(string value)
    {
        if (value.Length > 2083 || value.AsSpan().ContainsAny(" \t\r\n\f\v"))
        {
            return null;
        }

        var separator = value.IndexOf("://", StringComparison.Ordinal);
        if (separator >= 0 && !UrlSchemes.Contains(value[..separator], StringComparer.OrdinalIgnoreCase))
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
}
