using System.Reflection;
using System.Text.Json;
using Hapta.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Hapta.PocketBase;

/// <summary>
/// PocketBase's own answer, sent on as PocketBase gave it. A success goes out byte for byte; an error keeps
/// PocketBase's <c>code</c>, <c>message</c> and <c>data</c> and gains the RFC 9457 members of DESIGN §7.
/// </summary>
public sealed class PocketBaseResult : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    private readonly UpstreamResponse _response;
    private readonly string? _etag;
    private readonly string? _cacheStatus;

    internal PocketBaseResult(UpstreamResponse response)
    {
        _response = response;
    }

    /// <summary>
    /// An answer from the cache: <paramref name="etag"/> is sent and honoured in <c>If-None-Match</c>.
    /// </summary>
    internal PocketBaseResult(UpstreamResponse response, string etag, string cacheStatus)
    {
        _response = response;
        _etag = etag.Length > 0 ? etag : null;
        _cacheStatus = cacheStatus;
    }

    /// <summary>The header that says whether an answer came from the cache: <c>hit</c> or <c>miss</c>.</summary>
    public const string CacheHeader = "X-Hapta-Cache";

    public int? StatusCode => _response.Status;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        if (_cacheStatus is not null)
        {
            response.Headers[CacheHeader] = _cacheStatus;
        }

        if (_response.Status < 400)
        {
            if (_etag is not null)
            {
                response.Headers.ETag = _etag;
                if (Matches(httpContext.Request.Headers.IfNoneMatch, _etag))
                {
                    response.StatusCode = StatusCodes.Status304NotModified;
                    return Task.CompletedTask;
                }
            }

            response.StatusCode = _response.Status;
            if (_response.Body.Length == 0)
            {
                return Task.CompletedTask;
            }

            response.ContentType = _response.ContentType ?? "application/json";
            response.ContentLength = _response.Body.Length;
            return response.Body.WriteAsync(_response.Body, httpContext.RequestAborted).AsTask();
        }

        return WriteErrorAsync(httpContext);
    }

    /// <summary>
    /// <c>If-None-Match</c> as RFC 9110 §13.1.2 has it: <c>*</c>, or a list of tags compared weakly.
    /// </summary>
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        foreach (var value in ifNoneMatch)
        {
            var parts = (value ?? "").Split(
                ',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var part in parts)
            {
                var tag = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
                if (tag == "*" || string.Equals(tag, etag, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private async Task WriteErrorAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        ProblemJson.Prepare(response, _response.Status, retryAfter: null);
        await using var writer = new Utf8JsonWriter(response.Body, ProblemJson.WriterOptions);
        writer.WriteStartObject();
        if (TryReadError(_response.Body, out var error))
        {
            using (error)
            {
                var root = error.RootElement;
                var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                    ? m.GetString()
                    : null;
                ProblemJson.WriteHead(writer, _response.Status, message);
                var wroteData = false;
                foreach (var member in root.EnumerateObject())
                {
                    if (member.Name is "type" or "title" or "status" or "detail")
                    {
                        continue;
                    }

                    wroteData |= member.Name == "data";
                    member.WriteTo(writer);
                }

                if (!wroteData)
                {
                    ProblemJson.WriteFieldErrors(writer, null);
                }
            }
        }
        else
        {
            // Not PocketBase's JSON (a proxy page, say): keep the status, never the foreign body.
            ProblemJson.WriteHead(writer, _response.Status, "PocketBase answered with a body Hapta could not read.");
            writer.WriteNumber("code", _response.Status);
            writer.WriteString("message", ApiError.BadRequestMessage);
            ProblemJson.WriteFieldErrors(writer, null);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    private static bool TryReadError(byte[] body, out JsonDocument document)
    {
        document = null!;
        if (body.Length == 0)
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        return false;
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(200, typeof(JsonElement), ["application/json"]));
    }
}
