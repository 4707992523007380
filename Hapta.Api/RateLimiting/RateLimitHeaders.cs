using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Hapta.RateLimiting;

/// <summary>
/// The <c>RateLimit-Policy</c> and <c>RateLimit</c> fields of draft-ietf-httpapi-ratelimit-headers-11:
/// <c>RateLimit-Policy: "ip";q=1200;w=60, "read";q=600;w=60</c> names each policy that applied with its quota
/// and window in seconds; <c>RateLimit: "ip";r=1187;t=11, …</c> gives the permits remaining and the seconds
/// until the bucket is full again. Remaining is a hint: permits other silos hold on lease are not counted.
/// </summary>
internal static class RateLimitHeaders
{
    public const string Policy = "RateLimit-Policy";
    public const string Limit = "RateLimit";

    public static void Write(HttpResponse response, ReadOnlySpan<RateDecision> decisions)
    {
        if (decisions.IsEmpty)
        {
            return;
        }

        var policies = new StringBuilder();
        var limits = new StringBuilder();
        foreach (var decision in decisions)
        {
            if (policies.Length > 0)
            {
                policies.Append(", ");
                limits.Append(", ");
            }

            policies.Append(decision.Policy.PolicyHeaderItem);
            limits.Append('"').Append(decision.Policy.Name).Append("\";r=")
                .Append(decision.Remaining.ToString(CultureInfo.InvariantCulture))
                .Append(";t=")
                .Append(((long)Math.Ceiling(decision.ResetAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        }

        response.Headers[Policy] = policies.ToString();
        response.Headers[Limit] = limits.ToString();
    }
}
