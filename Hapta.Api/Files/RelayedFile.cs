using Hapta.Errors;
using Hapta.PocketBase;
using Microsoft.AspNetCore.Http;

namespace Hapta.Files;

/// <summary>
/// PocketBase's answer to a download, streamed to the client as it arrives: the status, the kept headers, then the
/// bytes (none for <c>HEAD</c> and <c>304</c>). A small <c>200</c> that may be cached is read whole and kept. An
/// error is answered in Hapta's error shape; an unsatisfiable range keeps its <c>Content-Range</c>.
/// </summary>
internal sealed class RelayedFile(
    HttpResponseMessage upstream,
    CancellationTokenSource transfer,
    IReadOnlyList<string> kept,
    (string Key, long Version, FileCache Cache)? store) : IResult
{
    private const int MaxErrorBody = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using var response = upstream;
        using var timeout = transfer;
        var status = (int)response.StatusCode;
        if (status >= 400)
        {
            await WriteErrorAsync(httpContext, status, timeout.Token);
            return;
        }

        var headers = Kept(response);
        var target = httpContext.Response;
        target.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            target.Headers[name] = value;
        }

        target.ContentLength = response.Content.Headers.ContentLength;
        if (HttpMethods.IsHead(httpContext.Request.Method) || status == StatusCodes.Status304NotModified)
        {
            return;
        }

        try
        {
            if (store is { } s && status == StatusCodes.Status200OK
                && response.Content.Headers.ContentLength is { } length && length <= s.Cache.MaxFileBytes)
            {
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                target.Headers[PocketBaseResult.CacheHeader] = "miss";
                s.Cache.Keep(s.Key, new CachedFile(body, headers, s.Version));
                await target.Body.WriteAsync(body, timeout.Token);
                return;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            await stream.CopyToAsync(target.Body, 81920, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            // The client left, PocketBase broke off, or the transfer ran out of time: the headers are gone, so the
            // only honest signal left is to cut the connection rather than end a truncated body normally.
            httpContext.Abort();
        }
    }

    private List<KeyValuePair<string, string>> Kept(HttpResponseMessage response)
    {
        var headers = new List<KeyValuePair<string, string>>(kept.Count);
        foreach (var name in kept)
        {
            if (response.Headers.TryGetValues(name, out var values)
                || response.Content.Headers.TryGetValues(name, out values))
            {
                headers.Add(new(name, string.Join(", ", values)));
            }
        }

        return headers;
    }

    private async Task WriteErrorAsync(HttpContext httpContext, int status, CancellationToken cancellationToken)
    {
        if (status == StatusCodes.Status416RangeNotSatisfiable)
        {
            if (upstream.Content.Headers.TryGetValues("Content-Range", out var range))
            {
                httpContext.Response.Headers["Content-Range"] = string.Join(", ", range);
            }

            await ApiError.ForStatus(
                    status,
                    "The Range header asks for bytes the file does not have; Content-Range gives its size.")
                .ExecuteAsync(httpContext);
            return;
        }

        byte[] body;
        try
        {
            body = upstream.Content.Headers.ContentLength is > MaxErrorBody
                ? []
                : await upstream.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            body = [];
        }

        await new PocketBaseResult(new UpstreamResponse
        {
            Outcome = UpstreamOutcome.Answered,
            Status = status,
            ContentType = upstream.Content.Headers.ContentType?.ToString(),
            Body = body,
        }).ExecuteAsync(httpContext);
    }
}
