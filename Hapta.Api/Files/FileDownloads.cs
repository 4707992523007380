using Hapta.Collections;
using Hapta.Endpoints;
using Hapta.Errors;
using Hapta.PocketBase;
using Hapta.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hapta.Files;

/// <summary>
/// <c>GET</c> and <c>HEAD /api/files/{collection}/{record}/{file}</c> (issue #8, point 2): the path is checked
/// (an exposed collection, a record id and a file name of PocketBase's form), <c>thumb</c> must be a size one of the
/// collection's file fields declares, a Hapta file token is swapped for PocketBase's, and PocketBase's answer is
/// streamed to the client with its headers: ranges, caching headers and all. Small files anyone may download are
/// served from <see cref="FileCache"/>.
/// </summary>
internal sealed class FileDownloads(
    IPocketBaseFiles files,
    CollectionDirectory directory,
    SchemaRules schema,
    FileTokens tokens,
    FileCache cache,
    IOptions<FilesOptions> options,
    ILogger<FileDownloads> logger)
{
    /// <summary>The request headers a download passes on: ranges and revalidation.</summary>
    private static readonly string[] PassedOn = ["Range", "If-Range", "If-None-Match", "If-Modified-Since"];

    /// <summary>PocketBase's response headers a download keeps.</summary>
    private static readonly string[] Kept =
    [
        "Accept-Ranges", "Cache-Control", "Content-Disposition", "Content-Range", "Content-Security-Policy",
        "Content-Type", "ETag", "Last-Modified",
    ];

    public async Task<IResult> ServeAsync(
        HttpContext context,
        string collection,
        string recordId,
        string fileName,
        CancellationToken cancellationToken)
    {
        var lookup = await directory.FindAsync(collection, cancellationToken);
        if ((RecordsEndpoints.Refuse(lookup, collection) ?? RecordsEndpoints.RefuseId(recordId)) is { } refusal)
        {
            return refusal;
        }

        if (!FileNames.IsValid(fileName))
        {
            return ApiError.NotFound(
                "File names are PocketBase's stored names: letters, digits, '_', '-' and dots, no path.");
        }

        var info = lookup.Collection!;
        var request = context.Request;
        var query = new FileQuery
        {
            Thumb = NonEmpty(request.Query["thumb"]),
            Download = NonEmpty(request.Query["download"]),
            Token = tokens.Open(NonEmpty(request.Query["token"])),
        };
        if (query.Thumb is { } thumb && ThumbProblem(schema.For(info), thumb) is { } badThumb)
        {
            return badThumb;
        }

        if (query.Download is { Length: > 16 })
        {
            return ApiError.BadRequest(ApiError.BadRequestMessage, "download is 1 or true to ask for an attachment.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in PassedOn)
        {
            if (request.Headers[name].ToString() is { Length: > 0 and <= 1024 } value && !value.Any(char.IsControl))
            {
                headers[name] = value;
            }
        }

        var head = HttpMethods.IsHead(request.Method);
        var cacheable = cache.Enabled && !head && query.Token is null && headers.Count == 0 && Public(info);
        var key = cacheable ? $"{info.Id}/{recordId}/{fileName}?thumb={query.Thumb}&download={query.Download}" : null;
        if (key is not null && cache.Find(key, info.Id, recordId) is { } cached)
        {
            return new CachedFileResult(cached);
        }

        var version = key is null ? 0 : cache.VersionOf(info.Id, recordId);
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.TransferTimeout);
        HttpResponseMessage upstream;
        try
        {
            upstream = head
                ? await files.HeadAsync(info.Name, recordId, fileName, query, headers, timeout.Token)
                : await files.DownloadAsync(info.Name, recordId, fileName, query, headers, timeout.Token);
        }
        catch (Exception ex) when (UpstreamCall.Classify(ex, cancellationToken) is { } outcome)
        {
            timeout.Dispose();
            logger.DownloadFailed(info.Name, ex.GetBaseException().Message);
            return UpstreamResponse.Failed(outcome).ToResult().Result;
        }

        return new RelayedFile(upstream, timeout, Kept, key is null ? null : (key, version, cache));
    }

    /// <summary>
    /// Whether every file of the collection is served to anyone: PocketBase hands out unprotected files without
    /// looking at the record's rules, and protected ones only by the view rule, which may depend on more than the
    /// record (other collections, the time), unless it is open to everyone.
    /// </summary>
    private bool Public(Collections.CollectionInfo info) =>
        info.ViewRule == "" || !schema.For(info).Fields.Values.Any(static f => f.Type == "file" && f.Protected);

    /// <summary>A 400 unless <paramref name="thumb"/> is a size one of the collection's file fields makes.</summary>
    private static ApiError? ThumbProblem(CollectionRules rules, string thumb)
    {
        var sizes = rules.Fields.Values.Where(static f => f.Type == "file").SelectMany(static f => f.Thumbs)
            .Distinct(StringComparer.Ordinal).ToList();
        if (sizes.Contains(thumb, StringComparer.Ordinal))
        {
            return null;
        }

        var message = sizes.Count == 0
            ? $"{rules.Collection.Name} makes no thumbs; leave thumb out for the file itself."
            : $"The thumb size must be one of: {string.Join(", ", sizes)}.";
        return ApiError.BadRequest(
            ApiError.BadRequestMessage,
            "thumb names a size no file field of the collection declares: see data.",
            new Dictionary<string, FieldError>(StringComparer.Ordinal)
            {
                ["thumb"] = new FieldError(ValidationCodes.InvalidValue, message),
            });
    }

    private static string? NonEmpty(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count > 0 && values[^1] is { Length: > 0 } value ? value : null;
}
