using Hapta.PocketBase;
using Microsoft.AspNetCore.Http;

namespace Hapta.Files;

/// <summary>A download answered from <see cref="FileCache"/>, with the headers PocketBase gave it.</summary>
internal sealed class CachedFileResult(CachedFile file) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, value) in file.Headers)
        {
            response.Headers[name] = value;
        }

        response.Headers[PocketBaseResult.CacheHeader] = "hit";
        response.ContentLength = file.Body.Length;
        return response.Body.WriteAsync(file.Body, httpContext.RequestAborted).AsTask();
    }
}
