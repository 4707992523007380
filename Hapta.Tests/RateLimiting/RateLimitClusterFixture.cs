using Hapta.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Hapta.RateLimiting.Tests;

/// <summary>
/// Two in-process silos on one fake clock, each with rate limiting as the gateway registers it, so that each has
/// its own <see cref="PermitLeases"/> (a holder of its own) in front of the buckets both share. Tests share the
/// silos but not their state: each uses a partition of its own, so no bucket or local lease is seen twice.
/// </summary>
public sealed class RateLimitClusterFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    /// <summary>Both silos' clock. It only moves forward, so tests read it rather than assume a start.</summary>
    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    internal IClusterClient Client => Cluster.Client;

    /// <summary>Each silo's own leases, in the order the silos started.</summary>
    internal IReadOnlyList<PermitLeases> Leases { get; private set; } = [];

    private InProcessTestCluster Cluster =>
        _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.AddHaptaRateLimiting(new ConfigurationBuilder().Build());
        }));
        _cluster = builder.Build();
        await _cluster.DeployAsync().Guarded("rate-limit cluster: deploy");

        var providers = _cluster.Silos.Select(s => _cluster.GetSiloServiceProvider(s.SiloAddress)).ToArray();
        if (providers.Length != 2 || providers.Any(p => !ReferenceEquals(p.GetRequiredService<TimeProvider>(), Time)))
        {
            throw new InvalidOperationException("Not two silos on the fake clock.");
        }

        Leases = [.. providers.Select(static p => p.GetRequiredService<PermitLeases>())];
        if (ReferenceEquals(Leases[0], Leases[1]) || Leases[0].Holder == Leases[1].Holder)
        {
            throw new InvalidOperationException("The two silos share one PermitLeases.");
        }
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync().Guarded("rate-limit cluster: stop");
            await _cluster.DisposeAsync().AsTask().Guarded("rate-limit cluster: dispose");
        }
    }

    /// <summary>The bucket of <paramref name="policy"/> for <paramref name="partition"/>.</summary>
    internal IRateLimitGrain Bucket(RatePolicy policy, string partition) =>
        Client.GetGrain<IRateLimitGrain>(policy.GrainKey(partition));
}
