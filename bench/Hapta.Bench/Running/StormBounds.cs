using System.Globalization;
using System.Text.RegularExpressions;
using Hapta.Bench.Load;

namespace Hapta.Bench.Running;

/// <summary>
/// The most logins W5's limits can admit, from the limits Hapta announced in <c>RateLimit-Policy</c> (quota
/// <c>q</c> per window of <c>w</c> seconds) and the storm's length. A bucket holds q permits (Hapta's default burst
/// is the quota) and gains q per w seconds, so over the storm a partition is admitted at most
/// q + ⌊q × elapsed / w⌋ times. The per-IP policies (<c>ip</c>, <c>auth</c>) bound every address, the identity
/// policy every identity, the login policy (one bucket for the cluster) all of them; the admitted logins are bound
/// by the smallest.
/// </summary>
internal sealed partial record StormBounds
{
    /// <summary>Logins the per-IP limits allow: the addresses times one address's allowance.</summary>
    public required long ByAddress { get; init; }

    /// <summary>Logins the per-identity limit allows: the identities times one identity's allowance.</summary>
    public required long ByIdentity { get; init; }

    /// <summary>Logins the cluster-wide login limit allows, when Hapta announced one.</summary>
    public long? ByCluster { get; init; }

    /// <summary>The smallest: no more logins can be admitted.</summary>
    public long Bound => Math.Min(Math.Min(ByAddress, ByIdentity), ByCluster ?? long.MaxValue);

    /// <returns>The bounds, or <see langword="null"/> when the header lacks the auth policies.</returns>
    public static StormBounds? From(string? policyHeader, TimeSpan elapsed, int addresses, int identities)
    {
        if (policyHeader is null)
        {
            return null;
        }

        var quotas = Item().Matches(policyHeader).ToDictionary(
            match => match.Groups["name"].Value,
            match => (
                Quota: long.Parse(match.Groups["q"].Value, CultureInfo.InvariantCulture),
                Window: TimeSpan.FromSeconds(long.Parse(match.Groups["w"].Value, CultureInfo.InvariantCulture))),
            StringComparer.Ordinal);
        if (!quotas.ContainsKey("auth") || !quotas.TryGetValue("auth-identity", out var identity))
        {
            return null;
        }

        long Allowance((long Quota, TimeSpan Window) policy) =>
            policy.Quota + (long)Math.Floor(policy.Quota * elapsed.TotalSeconds / policy.Window.TotalSeconds);

        var perAddress = new[] { "ip", "auth" }.Where(quotas.ContainsKey).Min(name => Allowance(quotas[name]));
        return new StormBounds
        {
            ByAddress = addresses * perAddress,
            ByIdentity = identities * Allowance(identity),
            ByCluster = quotas.TryGetValue("login", out var login) ? Allowance(login) : null,
        };
    }

    /// <summary>The bounds of a storm through Hapta.</summary>
    public static StormBounds? Of(StormResult result) => From(
        result.PolicyHeader,
        result.Elapsed,
        StormPlan.Addresses,
        StormPlan.RealIdentities + StormPlan.MadeUpIdentities);

    [GeneratedRegex("\"(?<name>[^\"]+)\";q=(?<q>[0-9]+);w=(?<w>[0-9]+)")]
    private static partial Regex Item();
}
