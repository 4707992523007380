using System.IO;
using Hapta.Errors;
using Hapta.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Hapta.Records;

/// <summary>
/// Reads the body of a record create or update sent as a JSON object or as an
/// <c>application/x-www-form-urlencoded</c> form, whose fields become the JSON object PocketBase would make of
/// them (see <see cref="FormFields"/>). Either way the size is capped before the body is read, and what goes on
/// is JSON. A <c>multipart/form-data</c> body, which may carry files, is read by <c>UploadReader</c>.
/// </summary>
internal static class RecordBody
{
    /// <summary>Most fields in a form; PocketBase collections have far fewer.</summary>
    private const int MaxFormFields = 1024;

    public static async Task<(byte[]? Json, ApiError? Error)> ReadAsync(
        HttpRequest request,
        long limit,
        CancellationToken cancellationToken)
    {
        if (!IsForm(request.ContentType))
        {
            return await JsonBody.ReadAsync(request, limit, cancellationToken);
        }

        if (request.ContentLength > limit)
        {
            return (null, ApiError.PayloadTooLarge(limit));
        }

        // A chunked body has no length to check up front; Kestrel stops reading it at the limit (a 413).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = Math.Min(size.MaxRequestBodySize ?? long.MaxValue, limit);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(
                new FormOptions
                {
                    BufferBody = false,
                    MultipartBodyLengthLimit = limit,
                    ValueLengthLimit = (int)Math.Min(limit, int.MaxValue),
                    ValueCountLimit = MaxFormFields,
                    KeyLengthLimit = 1024,
                },
                cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiError.PayloadTooLarge(limit));
        }
        catch (InvalidDataException ex) when (IsOverLimit(ex))
        {
            // A value or a multipart body over the body limit (a chunked form has no length to check up front).
            return (null, ApiError.PayloadTooLarge(limit));
        }
        catch (InvalidDataException ex)
        {
            // Over a limit of the form reader (fields, key or value length).
            return (null, ApiError.BadRequest(
                ApiError.InvalidBodyMessage, $"The form could not be read: {ex.Message}"));
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, ApiError.BadRequest(
                ApiError.InvalidBodyMessage,
                "The form ends before its closing boundary, or is not multipart/form-data as its header says."));
        }

        return FormFields.ToJson(form);
    }

    /// <summary>The form reader's "Form value length limit" and "Multipart body length limit" exceeded.</summary>
    private static bool IsOverLimit(InvalidDataException ex) =>
        ex.Message.Contains("value length limit", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase);

    private static bool IsForm(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
