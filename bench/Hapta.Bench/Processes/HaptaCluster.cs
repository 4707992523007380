namespace Hapta.Bench.Processes;

/// <summary>
/// A fresh redis-server and the <c>hapta-server</c> silos clustered through it (W6, W8). Disposing it stops the
/// silos first, then Redis.
/// </summary>
internal sealed class HaptaCluster(RedisServer redis, IReadOnlyList<HaptaServer> silos) : IAsyncDisposable
{
    public RedisServer Redis { get; } = redis;

    public IReadOnlyList<HaptaServer> Silos { get; } = silos;

    public Uri[] Urls => [.. Silos.Select(silo => silo.Url)];

    /// <summary>Stops the silos only, e.g. so that PocketBase logs the connections they held; Redis stays.</summary>
    public async Task StopSilosAsync()
    {
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopSilosAsync();
        await Redis.DisposeAsync();
    }
}
