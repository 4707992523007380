using Hapta.Diagnostics;
using Hapta.PocketBase;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hapta.Errors;

/// <summary>
/// The last line: turns an exception that escaped an endpoint into the error shape. Each kind is handled
/// apart (STYLE, "catches that erase the failure"): a client that hung up is not a fault; a malformed
/// request is the client's 4xx; an unreachable grain is a 503 to retry; only the rest is a 500 and an Error.
/// </summary>
internal sealed partial class HaptaExceptionHandler(ILogger<HaptaExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext,
        Exception exception,
        CancellationToken cancellationToken)
    {
        ApiError error;
        switch (exception)
        {
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                LogCancelled(logger, httpContext.Request.Method, httpContext.Request.Path);
                return true;
            case BadHttpRequestException bad:
                LogRejected(logger, bad.StatusCode, bad.Message);
                error = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? ApiError.ForStatus(bad.StatusCode, "The request body is larger than this route accepts.")
                    : ApiError.ForStatus(bad.StatusCode, bad.Message);
                break;
            case OrleansException or TimeoutException:
                LogGrainCallFailed(logger, exception.GetType().Name, exception);
                error = ApiError.Unavailable(
                    "A Hapta silo did not answer in time. Please retry shortly.", UpstreamResults.RetryAfterOutage);
                break;
            default:
                LogUnhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
                error = ApiError.ForStatus(StatusCodes.Status500InternalServerError, "An unexpected error occurred.");
                break;
        }

        await error.ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(EventIds.RequestCancelled, LogLevel.Debug, "{Method} {Path} was cancelled by the client")]
    private static partial void LogCancelled(ILogger logger, string method, PathString path);

    [LoggerMessage(EventIds.RequestRejected, LogLevel.Debug, "Rejected a malformed request with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int status, string reason);

    [LoggerMessage(EventIds.GrainCallFailed, LogLevel.Warning, "A grain call failed ({Kind}); answered 503")]
    private static partial void LogGrainCallFailed(ILogger logger, string kind, Exception exception);

    [LoggerMessage(EventIds.UnhandledException, LogLevel.Error, "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, PathString path, Exception exception);
}
