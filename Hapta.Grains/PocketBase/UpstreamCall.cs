using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Hapta.PocketBase;

/// <summary>
/// Runs one call to PocketBase and turns how it ended into an <see cref="UpstreamResponse"/>: an
/// answer of any status is a value, and so is "PocketBase is down"; only the caller's own
/// cancellation propagates. This is the one place where transport failures are classified.
/// </summary>
public static class UpstreamCall
{
    /// <summary>A call for a client: it counts against the global limit and is not sent when that is reached.</summary>
    internal static async Task<UpstreamResponse> SendAsync(
        RateLimiting.UpstreamAdmission admission,
        Func<CancellationToken, Task<HttpResponseMessage>> call,
        string operation,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        // No ConfigureAwait here: grains call this, and their call delegate may read grain state.
        if (await admission.RefuseAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        return await SendAsync(call, operation, logger, cancellationToken);
    }

    public static async Task<UpstreamResponse> SendAsync(
        Func<CancellationToken, Task<HttpResponseMessage>> call,
        string operation,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        try
        {
            using var response = await call(cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return new UpstreamResponse
            {
                Outcome = UpstreamOutcome.Answered,
                Status = (int)response.StatusCode,
                ContentType = response.Content.Headers.ContentType?.ToString(),
                Body = body,
            };
        }
        catch (Exception ex) when (Classify(ex, cancellationToken) is { } outcome)
        {
            if (outcome == UpstreamOutcome.TimedOut)
            {
                logger.UpstreamTimedOut(operation);
            }
            else
            {
                logger.UpstreamUnavailable(operation, ex.GetBaseException().Message);
            }

            return UpstreamResponse.Failed(outcome);
        }
    }

    /// <summary>
    /// Refit wraps Polly's rejections and socket errors (<c>ApiRequestException</c>), so the cause is
    /// looked for along the inner-exception chain.
    /// </summary>
    public static UpstreamOutcome? Classify(Exception exception, CancellationToken cancellationToken)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case TimeoutRejectedException:
                    return UpstreamOutcome.TimedOut;
                case BrokenCircuitException or HttpRequestException:
                    return UpstreamOutcome.Unavailable;
                case OperationCanceledException when !cancellationToken.IsCancellationRequested:
                    return UpstreamOutcome.TimedOut;
                default:
                    break;
            }
        }

        return null;
    }
}
