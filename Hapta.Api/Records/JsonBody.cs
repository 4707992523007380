using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Hapta.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Hapta.Records;

/// <summary>
/// Reads a JSON record body with a size cap and checks that it is one well-formed JSON object, so that
/// PocketBase is never asked to parse what Hapta already knows is broken. The bytes go on unchanged.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions StrictJson = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    public static async Task<(byte[]? Body, ApiError? Error)> ReadAsync(
        HttpRequest request,
        long limit,
        CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType) && !(request.ContentLength == 0 && request.ContentType is null))
        {
            return (null, ApiError.UnsupportedMediaType(
                "Send the record as JSON with Content-Type: application/json."));
        }

        if (request.ContentLength > limit)
        {
            return (null, ApiError.PayloadTooLarge(limit));
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var n ? (int)n : 1024);
        var rented = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(rented, cancellationToken)) > 0)
            {
                if (buffer.WrittenCount + read > limit)
                {
                    return (null, ApiError.PayloadTooLarge(limit));
                }

                buffer.Write(rented.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        if (buffer.WrittenCount == 0)
        {
            return ("{}"u8.ToArray(), null);
        }

        return Utf8.IsValid(buffer.WrittenSpan) && IsObject(buffer.WrittenMemory)
            ? (buffer.WrittenSpan.ToArray(), null)
            : (null, ApiError.BadRequest(
                ApiError.InvalidBodyMessage,
                "The body must be one well-formed JSON object (UTF-8, no comments, at most 64 levels deep)."));
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    private static bool IsObject(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, StrictJson);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
