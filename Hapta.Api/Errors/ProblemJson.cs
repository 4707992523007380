using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Hapta.Errors;

/// <summary>
/// Writes the one error shape of DESIGN §7: RFC 9457's members (<c>type</c>, <c>title</c>, <c>status</c>,
/// <c>detail</c>) beside PocketBase's (<c>code</c>, <c>message</c>, <c>data</c>), so that a PocketBase SDK shows
/// the message and field errors while a generic HTTP client reads a problem document.
/// </summary>
internal static class ProblemJson
{
    public const string ContentType = "application/problem+json; charset=utf-8";

    /// <summary>
    /// Relaxed escaping keeps messages readable (no \u0027 for an apostrophe). It is safe here because the
    /// body is never HTML: it goes out as JSON with nosniff.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// RFC 9457 §4.2: "about:blank" says the problem has no meaning beyond its status code, and its title
    /// is then the status's reason phrase. Hapta's problems are plain HTTP ones; the detail says the rest.
    /// </summary>
    private const string TypeBlank = "about:blank";

    public static void WriteHead(Utf8JsonWriter writer, int status, string? detail)
    {
        writer.WriteString("type", TypeBlank);
        writer.WriteString("title", ReasonPhrases.GetReasonPhrase(status));
        writer.WriteNumber("status", status);
        if (!string.IsNullOrEmpty(detail))
        {
            writer.WriteString("detail", WholeCharacters(detail));
        }
    }

    public static void WriteFieldErrors(Utf8JsonWriter writer, IReadOnlyDictionary<string, FieldError>? data)
    {
        writer.WriteStartObject("data");
        if (data is not null)
        {
            foreach (var (field, error) in data)
            {
                writer.WriteStartObject(WholeCharacters(field));
                writer.WriteString("code", error.Code);
                writer.WriteString("message", WholeCharacters(error.Message));
                writer.WriteEndObject();
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// <paramref name="text"/> with any half of a surrogate pair replaced by U+FFFD: a message may quote what a
    /// client sent, and the JSON writer refuses text that is not whole characters.
    /// </summary>
    public static string WholeCharacters(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return string.Create(text.Length, text, static (span, source) =>
                {
                    source.AsSpan().CopyTo(span);
                    for (var j = 0; j < span.Length; j++)
                    {
                        if (char.IsHighSurrogate(span[j]) && j + 1 < span.Length && char.IsLowSurrogate(span[j + 1]))
                        {
                            j++;
                        }
                        else if (char.IsSurrogate(span[j]))
                        {
                            span[j] = '\uFFFD';
                        }
                    }
                });
            }
        }

        return text;
    }

    public static void Prepare(HttpResponse response, int status, TimeSpan? retryAfter)
    {
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(
                System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
