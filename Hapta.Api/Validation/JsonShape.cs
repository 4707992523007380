using System.Text.Json;

namespace Hapta.Validation;

/// <summary>Facts about a JSON value that <see cref="JsonDocument"/> does not check by itself.</summary>
internal static class JsonShape
{
    /// <summary>
    /// A key that appears twice in one object anywhere in <paramref name="value"/>, or <see langword="null"/>.
    /// PocketBase keeps the last of them; Hapta would have checked the first, so such a body is refused.
    /// </summary>
    public static string? DuplicateKey(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                HashSet<string>? seen = null;
                foreach (var property in value.EnumerateObject())
                {
                    seen ??= new HashSet<string>(StringComparer.Ordinal);
                    if (!seen.Add(property.Name))
                    {
                        return property.Name;
                    }

                    if (DuplicateKey(property.Value) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (DuplicateKey(item) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The size in bytes PocketBase measures for a json field's value, or a lower bound of it: Go's encoding of
    /// the decoded value, with numbers as float64 in Go's notation (<c>1e20</c> becomes 21 digits), &lt;, &gt;,
    /// &amp;, U+2028 and U+2029 escaped, and no white space. A text value that is not JSON is stored as a quoted
    /// JSON string; one that is JSON may be stored as it is, so it counts its own UTF-8 bytes, the least PocketBase
    /// can measure.
    /// </summary>
    public static long GoSize(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return EncodedSize(value);
        }

        var text = value.GetString()!;
        return IsJson(text) ? System.Text.Encoding.UTF8.GetByteCount(text) : StringSize(text);
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static long EncodedSize(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                long size = 2;
                var first = true;
                foreach (var property in value.EnumerateObject())
                {
                    size += (first ? 0 : 1) + StringSize(property.Name) + 1 + EncodedSize(property.Value);
                    first = false;
                }

                return size;
            case JsonValueKind.Array:
                long length = 2;
                var count = 0;
                foreach (var item in value.EnumerateArray())
                {
                    length += EncodedSize(item);
                    count++;
                }

                return length + Math.Max(0, count - 1);
            case JsonValueKind.String:
                return StringSize(value.GetString()!);
            case JsonValueKind.Number:
                return value.TryGetDouble(out var number) ? GoNumberSize(number) : value.GetRawText().Length;
            case JsonValueKind.True:
                return 4;
            case JsonValueKind.False:
                return 5;
            default:
                return 4; // null
        }
    }

    /// <summary>The length of <paramref name="text"/> as Go's encoding/json writes it, quotes included.</summary>
    private static long StringSize(string text)
    {
        long size = 2;
        foreach (var rune in text.EnumerateRunes())
        {
            size += rune.Value switch
            {
                '"' or '\\' or '\n' or '\r' or '\t' => 2,
                < 0x20 or '<' or '>' or '&' or 0x2028 or 0x2029 => 6,
                _ => rune.Utf8SequenceLength,
            };
        }

        return size;
    }

    /// <summary>
    /// The length of a float64 as Go's encoding/json writes it: the shortest digits that read back the same, in
    /// plain notation from 1e-6 up to 1e21 and in e notation (<c>1e+21</c>, <c>1e-7</c>) outside it.
    /// </summary>
    internal static int GoNumberSize(double number)
    {
        var sign = double.IsNegative(number) ? 1 : 0;
        var abs = Math.Abs(number);
        if (abs == 0)
        {
            return sign + 1;
        }

        // "R" gives the shortest round-trip digits, in either notation; read them as 0.DIGITS x 10^point.
        var shortest = abs.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var exponent = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        point -= leading;
        var n = digits.Length;

        if (abs < 1e-6 || abs >= 1e21)
        {
            var power = Math.Abs(point - 1);
            var powerDigits = point - 1 < 0 && power < 10 ? 1 : Math.Max(2, power.ToString(
                System.Globalization.CultureInfo.InvariantCulture).Length);
            return sign + n + (n > 1 ? 1 : 0) + 2 + powerDigits;
        }

        return sign + (point >= n ? point : point > 0 ? n + 1 : 2 - point + n);
    }
}
