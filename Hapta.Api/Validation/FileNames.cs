namespace Hapta.Validation;

/// <summary>
/// The form of the file names PocketBase stores (<c>red_cjqiYfZUcc.png</c>: the sanitized original name, an
/// underscore, ten random characters, the extension): letters, digits, <c>_</c>, <c>-</c> and dots, not starting
/// with a dot, no <c>..</c>, at most 255 characters. Anything else, a path above all, names no stored file.
/// </summary>
internal static class FileNames
{
    public const int MaxLength = 255;

    public static bool IsValid(string? name)
    {
        if (name is not { Length: > 0 and <= MaxLength } || name[0] == '.'
            || name.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
