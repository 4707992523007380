using System.Buffers;
using Hapta.Validation;

namespace Hapta.Records;

/// <summary>
/// PocketBase 0.22's record id form: exactly 15 characters (code points, as Go counts runes), none of
/// <c>@#$&amp;|.,'"\/</c> and no white space. Ids PocketBase generates are 15 lower-case letters and digits; custom
/// ids only need this form.
/// </summary>
internal static class RecordIds
{
    public const int Length = 15;

    private static readonly SearchValues<char> Forbidden = SearchValues.Create("@#$&|.,'\"\\/ \t\r\n\f\v");

    public static bool IsValid(string? id) =>
        id is not null
        && HasLength(id)
        && !id.AsSpan().ContainsAny(Forbidden)
        && !id.AsSpan().ContainsAnyInRange('\0', '\u001f')
        && !id.Any(char.IsWhiteSpace);

    /// <summary>Whether <paramref name="id"/> has exactly <see cref="Length"/> code points.</summary>
    public static bool HasLength(string id) =>
        id.Length is >= Length and <= 2 * Length && TextValues.CodePoints(id) == Length;
}
