using System.Buffers;
using System.Text.Json;

namespace Hapta.Validation;

/// <summary>Facts about a JSON value that <see cref="JsonDocument"/> does not check by itself.</summary>
internal static class JsonShape
{
    /// <summary>
    /// Text as is, as Go writes it (which escapes only &lt;, &gt; and &amp; further), so the size is never
    /// above the one PocketBase measures.
    /// </summary>
    private static readonly JsonWriterOptions CompactOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

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

    /// <summary>The size in bytes of <paramref name="value"/> written without white space.</summary>
    public static long CompactSize(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions))
        {
            value.WriteTo(writer);
        }

        return buffer.WrittenCount;
    }
}
