using System.Globalization;
using System.Runtime.CompilerServices;
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

        var policies = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        var limits = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        for (var i = 0; i < decisions.Length; i++)
        {
            var decision = decisions[i];
            if (i > 0)
            {
                policies.AppendLiteral(", ");
                limits.AppendLiteral(", ");
            }

            policies.AppendFormatted(decision.Policy.PolicyHeaderItem);
            limits.AppendLiteral("\"");
            limits.AppendFormatted(decision.Policy.Name);
            limits.AppendLiteral("\";r=");
            limits.AppendFormatted(decision.Remaining);
            limits.AppendLiteral(";t=");
            limits.AppendFormatted((long)Math.Ceiling(decision.ResetAfter.TotalSeconds));
        }

        response.Headers[Policy] = policies.ToStringAndClear();
        response.Headers[Limit] = limits.ToStringAndClear();
    }
}
