using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hapta;

/// <summary>
/// Who the client is behind proxies: ASP.NET Core's forwarded-headers middleware, trusting exactly
/// <see cref="HaptaApiOptions.TrustedProxies"/>. Its defaults trust loopback, which would let anyone on the
/// host pick their own address, so they are cleared. With no forward limit, it walks <c>X-Forwarded-For</c>
/// from the right for as long as each hop came from a trusted proxy, and stops at the first that did not.
/// </summary>
internal static class ForwardedClients
{
    public static void Configure(IServiceCollection services) =>
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<HaptaApiOptions>>(static (forwarded, hapta) =>
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                forwarded.ForwardLimit = null;
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                foreach (var entry in hapta.Value.TrustedProxies.Where(static e => !string.IsNullOrWhiteSpace(e)))
                {
                    if (TryParse(entry, out var network))
                    {
                        forwarded.KnownIPNetworks.Add(network);
                    }
                }
            });

    /// <summary>Whether any entry names a proxy. A blank one (an empty environment variable) names none.</summary>
    public static bool AnyConfigured(IEnumerable<string> entries) =>
        entries.Any(static e => !string.IsNullOrWhiteSpace(e));

    /// <summary>A blank entry, an address or a CIDR network.</summary>
    public static bool IsValid(string entry) => string.IsNullOrWhiteSpace(entry) || TryParse(entry, out _);

    /// <summary>An address (a network of one) or a CIDR network.</summary>
    public static bool TryParse(string entry, out System.Net.IPNetwork network)
    {
        var text = entry.Trim();
        if (System.Net.IPNetwork.TryParse(text, out network))
        {
            return true;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            network = new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }

        return false;
    }
}
