using System.Globalization;
using System.Text;
using Hapta.Errors;
using Hapta.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Hapta.Files;

/// <summary>
/// Reads a <c>multipart/form-data</c> record body part by part, as it arrives (issue #8, point 1). Text parts are
/// kept (at most the JSON body cap in all); each file part is checked against its field before and while it is
/// read (the key names a file field; its size stays within the field's <c>maxSize</c>; its first bytes are of a
/// type the field takes) and spooled to a temporary file, so memory does not grow with the upload and nothing of a
/// refused upload reaches PocketBase. The whole body is capped at <see cref="FilesOptions.MaxUploadBytes"/>.
/// </summary>
internal static class UploadReader
{
    private const int MaxParts = 1024;
    private const int CopyBuffer = 81920;

    public static bool IsMultipart(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>The parts of the body, or the first problem with them; the caller disposes the upload.</summary>
    public static async Task<(Upload? Upload, ApiError? Error)> ReadAsync(
        HttpRequest request,
        CollectionRules rules,
        long maxTextBytes,
        FilesOptions options,
        CancellationToken cancellationToken)
    {
        if (request.ContentLength > options.MaxUploadBytes)
        {
            return (null, ApiError.PayloadTooLarge(options.MaxUploadBytes));
        }

        // Kestrel's own cap (30 MB by default) gives way to Hapta's; a chunked body stops at it with a 413.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.MaxUploadBytes;
        }

        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            ? HeaderUtilities.RemoveQuotes(media.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            return (null, Invalid("The multipart body names no boundary (or one over 200 characters)."));
        }

        var upload = new Upload();
        try
        {
            var problem = await ReadPartsAsync(
                request, boundary, rules, maxTextBytes, upload, cancellationToken);
            if (problem is null)
            {
                return (upload, null);
            }

            await upload.DisposeAsync();
            return (null, problem);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await upload.DisposeAsync();
            return (null, ApiError.PayloadTooLarge(options.MaxUploadBytes));
        }
        catch (Exception ex)
            when (ex is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            await upload.DisposeAsync();
            return (null, Invalid(
                "The multipart body is malformed or ends before its closing boundary; send it again in full."));
        }
        catch
        {
            await upload.DisposeAsync();
            throw;
        }
    }

    private static async Task<ApiError?> ReadPartsAsync(
        HttpRequest request,
        string boundary,
        CollectionRules rules,
        long maxTextBytes,
        Upload upload,
        CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        var textBytes = 0L;
        var parts = 0;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (++parts > MaxParts)
            {
                return Invalid($"The form has more than {MaxParts} parts.");
            }

            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } key)
            {
                return Invalid("Each part of the form needs a Content-Disposition: form-data header with a name.");
            }

            if (!disposition.IsFileDisposition())
            {
                var (text, error) = await ReadTextAsync(
                    section.Body, maxTextBytes - textBytes, maxTextBytes, cancellationToken);
                if (error is not null)
                {
                    return error;
                }

                textBytes += Encoding.UTF8.GetByteCount(text!);
                upload.Fields.Add(new(key, text!));
                continue;
            }

            var fileName = HeaderUtilities.RemoveQuotes(
                disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
            var (file, refusal) = await SpoolAsync(
                rules, key, fileName, section.ContentType, section.Body, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            upload.Files.Add(file!);
        }

        return null;
    }

    /// <summary>One text part, within the <paramref name="room"/> left of the text fields' cap.</summary>
    private static async Task<(string? Text, ApiError? Error)> ReadTextAsync(
        Stream body,
        long room,
        long cap,
        CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > room)
            {
                return (null, ApiError.PayloadTooLarge(cap));
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return (new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Invalid("A text field of the form is not valid UTF-8."));
        }
    }

    /// <summary>Copies one file part to a temporary file, refusing it as soon as its field would.</summary>
    private static async Task<(SpooledFile? File, ApiError? Error)> SpoolAsync(
        CollectionRules rules,
        string key,
        string fileName,
        string? contentType,
        Stream body,
        CancellationToken cancellationToken)
    {
        var name = key.Length > 1 && key[^1] == '+' ? key[..^1] : key.Length > 1 && key[0] == '+' ? key[1..] : key;
        if (!rules.Fields.TryGetValue(name, out var rule))
        {
            return (null, Field(
                key, ValidationCodes.UnknownField, $"{rules.Collection.Name} has no field \"{Shown(key)}\"."));
        }

        if (rule.Type != "file")
        {
            return (null, Field(
                key, ValidationCodes.InvalidType, $"A {rule.Type} field takes no file; send it as text."));
        }

        if (rule.ReadOnly)
        {
            return (null, Field(key, ValidationCodes.ReadOnly, "Clients cannot set this field."));
        }

        var spool = new FileStream(
            Path.Combine(Path.GetTempPath(), "hapta-upload-" + Guid.NewGuid().ToString("N")),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            CopyBuffer,
            System.IO.FileOptions.DeleteOnClose | System.IO.FileOptions.Asynchronous);
        var file = new SpooledFile(key, fileName, contentType, spool);
        var sample = new byte[MimeSniffer.SampleSize];
        var sampled = 0;
        var buffer = new byte[CopyBuffer];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (sampled < sample.Length)
            {
                var take = Math.Min(read, sample.Length - sampled);
                buffer.AsSpan(0, take).CopyTo(sample.AsSpan(sampled));
                sampled += take;
            }

            if (rule.MaxFileBytes is { } max && spool.Length + read > max)
            {
                await file.DisposeAsync();
                return (null, Field(name, ValidationCodes.FileSize, string.Create(
                    CultureInfo.InvariantCulture,
                    $"Failed to upload \"{Shown(fileName)}\" - the maximum allowed file size is {max} bytes.")));
            }

            await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        if (MimeSniffer.CertainlyRefused(MimeSniffer.Sniff(sample.AsSpan(0, sampled)), rule.MimeTypes))
        {
            await file.DisposeAsync();
            return (null, Field(name, ValidationCodes.MimeType,
                $"\"{Shown(fileName)}\" mime type must be one of: {string.Join(", ", rule.MimeTypes)}."));
        }

        spool.Position = 0;
        return (file, null);
    }

    private static ApiError Field(string key, string code, string message) => ApiError.BadRequest(
        ApiError.BadRequestMessage,
        "A file of the form does not fit its field: see data.",
        new Dictionary<string, FieldError>(StringComparer.Ordinal) { [key] = new FieldError(code, message) });

    private static ApiError Invalid(string detail) => ApiError.BadRequest(ApiError.InvalidBodyMessage, detail);

    private static string Shown(string value) =>
        value.Length <= 100 && !value.Any(char.IsControl) ? value : "(a name of unprintable or too many characters)";
}
