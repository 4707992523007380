using System.Net;
using System.Net.Sockets;

namespace Hapta.Bench.Processes;

/// <summary>Free loopback ports, never those a developer's own PocketBase, Hapta, silo or Redis may be using.</summary>
internal static class FreePort
{
    private static readonly HashSet<int> Avoided = [8090, 3599, 6379, 11111, 30000];
    private static readonly HashSet<int> Handed = [];

    public static int Next()
    {
        lock (Handed)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (!Avoided.Contains(port) && Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
