using System.Globalization;

namespace Hapta.Validation;

/// <summary>
/// Dates as PocketBase reads them: its own <c>2024-05-01 10:00:00.000Z</c>, RFC 3339, or a bare date, taken as
/// UTC when no offset is given. PocketBase stores a date it cannot read as empty, without a word; Hapta refuses it.
/// </summary>
internal static class DateValues
{
    private const DateTimeStyles Styles =
        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;

    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out value);

    /// <summary>PocketBase's way of writing a date, for messages.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
