using System.Net.Http.Headers;
using Hapta.Errors;
using Hapta.PocketBase;
using Hapta.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Hapta.Files;

/// <summary>
/// Record writes with files: reads the multipart body (<see cref="UploadReader"/>), gives the validator the JSON
/// object PocketBase will make of it, and sends the checked form on to PocketBase from the spooled files, never
/// through a grain message (DESIGN §3).
/// </summary>
internal sealed class UploadForwarder(
    IPocketBaseFiles files,
    SchemaRules schema,
    IOptions<FilesOptions> options,
    IOptions<HaptaApiOptions> apiOptions,
    ILogger<UploadForwarder> logger)
{
    /// <summary>
    /// The body as the JSON object the validator checks (each uploaded file counting as one value of its field, so
    /// <c>required</c> and <c>maxSelect</c> see it), and the upload itself, which the caller disposes.
    /// </summary>
    public async Task<(byte[]? Json, Upload? Upload, ApiError? Error)> ReadAsync(
        HttpRequest request,
        Collections.CollectionInfo collection,
        CancellationToken cancellationToken)
    {
        var (upload, error) = await UploadReader.ReadAsync(
            request, schema.For(collection), apiOptions.Value.MaxJsonBodyBytes, options.Value, cancellationToken);
        if (error is not null)
        {
            return (null, null, error);
        }

        var fields = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in upload!.Fields)
        {
            Values(fields, key).Add(value);
        }

        for (var i = 0; i < upload.Files.Count; i++)
        {
            Values(fields, upload.Files[i].Key).Add($"hapta_upload_{i}.bin");
        }

        var (json, problem) = FormFields.ToJson(
            fields.Select(static f => KeyValuePair.Create(f.Key, new StringValues([.. f.Value]))));
        if (problem is not null)
        {
            await upload.DisposeAsync();
            return (null, null, problem);
        }

        return (json, upload, null);
    }

    /// <summary>Sends a checked upload to PocketBase as a create (<paramref name="id"/> null) or an update.</summary>
    public async Task<UpstreamResponse> SendAsync(
        string collection,
        string? id,
        Upload upload,
        RecordQuery query,
        string? authorization,
        CancellationToken cancellationToken)
    {
        var bytes = upload.Files.Sum(static f => f.Length); // sending disposes the parts, and their files with them
        using var form = new MultipartFormDataContent();
        foreach (var (key, value) in upload.Fields)
        {
            var text = new StringContent(value);
            text.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quoted(key) };
            form.Add(text);
        }

        foreach (var file in upload.Files)
        {
            var part = new StreamContent(file.Content, 81920);
            part.Headers.ContentType = MediaTypeHeaderValue.TryParse(file.ContentType, out var type)
                ? type
                : new MediaTypeHeaderValue("application/octet-stream");
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
            {
                Name = Quoted(file.Key),
                FileName = Quoted(file.FileName.Length > 0 ? file.FileName : "file"),
            };
            form.Add(part);
        }

        // Cancelled by the client hanging up (which propagates) or by the transfer timeout (a timed-out answer).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.TransferTimeout);
        var answer = await UpstreamCall.SendAsync(
            _ => id is null
                ? files.CreateRecordAsync(collection, form, query, authorization, timeout.Token)
                : files.UpdateRecordAsync(collection, id, form, query, authorization, timeout.Token),
            id is null ? "create record with files" : "update record with files",
            logger,
            cancellationToken);
        logger.UploadForwarded(upload.Files.Count, bytes, collection, answer.Status);
        return answer;
    }

    private static List<string> Values(Dictionary<string, List<string>> fields, string key)
    {
        if (!fields.TryGetValue(key, out var values))
        {
            values = [];
            fields[key] = values;
        }

        return values;
    }

    /// <summary>A name for a Content-Disposition header, with the quotes and backslashes in it escaped.</summary>
    private static string Quoted(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
        + "\"";
}
