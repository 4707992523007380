using System.Buffers;
using System.Text.Json;
using Hapta.Errors;
using Microsoft.Extensions.Primitives;

namespace Hapta.Validation;

/// <summary>
/// The text fields of a multipart/form-data record body, read as PocketBase 0.22 reads them: a key given once is
/// that text, a key given several times is the list of them, and <c>@jsonPayload</c> holds a JSON object whose
/// members join the rest. The result is the JSON object PocketBase would see, so the fields pass through the same
/// <see cref="BodyValidator"/> as a JSON body; the file parts are checked where they are streamed.
/// </summary>
internal static class FormFields
{
    public const string JsonPayloadKey = "@jsonPayload";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>The fields as one JSON object, or why they cannot be read as one.</summary>
    public static (byte[]? Json, ApiError? Error) ToJson(IEnumerable<KeyValuePair<string, StringValues>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var buffer = new ArrayBufferWriter<byte>(512);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (key, values) in fields)
            {
                if (key == JsonPayloadKey)
                {
                    if (WritePayload(writer, values, keys) is { } problem)
                    {
                        return (null, problem);
                    }

                    continue;
                }

                if (!keys.Add(key))
                {
                    return (null, Duplicate(key));
                }

                writer.WritePropertyName(ProblemJson.WholeCharacters(key));
                if (values.Count == 1)
                {
                    writer.WriteStringValue(ProblemJson.WholeCharacters(values[0] ?? ""));
                }
                else
                {
                    writer.WriteStartArray();
                    foreach (var value in values)
                    {
                        writer.WriteStringValue(ProblemJson.WholeCharacters(value ?? ""));
                    }

                    writer.WriteEndArray();
                }
            }

            writer.WriteEndObject();
        }

        return (buffer.WrittenSpan.ToArray(), null);
    }

    private static ApiError? WritePayload(Utf8JsonWriter writer, StringValues values, HashSet<string> keys)
    {
        if (values.Count != 1)
        {
            return ApiError.BadRequest(
                ApiError.InvalidBodyMessage, $"Send {JsonPayloadKey} once, as one JSON object.");
        }

        try
        {
            using var payload = JsonDocument.Parse(values[0] ?? "");
            if (payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ApiError.BadRequest(ApiError.InvalidBodyMessage, $"{JsonPayloadKey} must be a JSON object.");
            }

            foreach (var property in payload.RootElement.EnumerateObject())
            {
                if (!keys.Add(property.Name))
                {
                    return Duplicate(property.Name);
                }

                property.WriteTo(writer);
            }

            return null;
        }
        catch (JsonException)
        {
            return ApiError.BadRequest(ApiError.InvalidBodyMessage, $"{JsonPayloadKey} is not well-formed JSON.");
        }
        catch (InvalidOperationException)
        {
            return ApiError.BadRequest(
                ApiError.InvalidBodyMessage, $"{JsonPayloadKey} holds a \\u escape that is not a whole character.");
        }
    }

    private static ApiError Duplicate(string key) => ApiError.BadRequest(
        ApiError.BadRequestMessage,
        "A field is given both as a form field and in @jsonPayload, or twice in @jsonPayload: see data.",
        new Dictionary<string, FieldError>(StringComparer.Ordinal)
        {
            [ProblemJson.WholeCharacters(key)] = new(ValidationCodes.DuplicateKey, "Give this field once."),
        });
}
