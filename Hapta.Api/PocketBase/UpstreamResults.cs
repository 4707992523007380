using Hapta.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hapta.PocketBase;

/// <summary>The one place where a PocketBase outcome becomes an HTTP result (STYLE 10).</summary>
internal static class UpstreamResults
{
    /// <summary>How long a client should wait before retrying while PocketBase is down.</summary>
    public static readonly TimeSpan RetryAfterOutage = TimeSpan.FromSeconds(5);

    public static Results<PocketBaseResult, ApiError> ToResult(this UpstreamResponse response) =>
        response.Outcome switch
        {
            UpstreamOutcome.Answered => new PocketBaseResult(response),
            UpstreamOutcome.Throttled => ApiError.TooManyRequests(
                System.Text.Encoding.UTF8.GetString(response.Body),
                "Hapta is holding back requests to PocketBase to protect it: the global limit is reached. Retry "
                + "after the time in Retry-After.",
                response.RetryAfter),
            UpstreamOutcome.TimedOut => ApiError.Unavailable(
                "PocketBase did not answer in time. Please retry shortly.", RetryAfterOutage),
            _ => ApiError.Unavailable(
                "PocketBase cannot be reached right now. Please retry shortly.", RetryAfterOutage),
        };
}
