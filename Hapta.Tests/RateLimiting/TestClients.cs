using System.Security.Cryptography;

namespace Hapta.RateLimiting.Tests;

/// <summary>Client addresses no other test uses, from the documentation ranges.</summary>
internal static class TestClients
{
    private static int _next = RandomNumberGenerator.GetInt32(1, 1 << 16);

    public static string NextIp()
    {
        var n = Interlocked.Increment(ref _next);
        return $"198.{18 + ((n >> 16) & 1)}.{(n >> 8) & 0xff}.{n & 0xff}";
    }
}
