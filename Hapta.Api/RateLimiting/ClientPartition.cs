using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Hapta.RateLimiting;

/// <summary>The partition keys of the limits: who a request counts against.</summary>
internal static class ClientPartition
{
    [ThreadStatic]
    private static LastAddress? _last;

    /// <summary>
    /// The client's address as a partition: IPv4 as is, an IPv4-mapped IPv6 address as its IPv4 address, and
    /// IPv6 by its /64 prefix, because one subscriber commonly holds a whole /64 and could otherwise take a
    /// fresh bucket per request.
    /// </summary>
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        // A connection keeps its address object for all of its requests, which usually run on one thread.
        if (_last is { } last && ReferenceEquals(last.Address, address))
        {
            return last.Partition;
        }

        var partition = Format(address);
        _last = new LastAddress(address, partition);
        return partition;
    }

    private static string Format(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }

    /// <summary>A user across all of their sessions.</summary>
    public static string OfUser(string collectionId, string userId) => "u:" + collectionId + "/" + userId;

    /// <summary>
    /// An identity tried at login (an e-mail or username), case-insensitively. Hashed, so that grain keys, which
    /// the Orleans runtime writes into its logs, carry no e-mail addresses.
    /// </summary>
    public static string OfIdentity(string collection, string identity)
    {
        var normalized = identity.Trim().ToLowerInvariant();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(normalized));
        return collection + ":" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private sealed record LastAddress(IPAddress Address, string Partition);
}
