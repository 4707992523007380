using Hapta.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Hapta.Caching.Tests;

/// <summary>
/// One in-process silo for the cluster's versions grain, whose clock is the fake held here. The grain has a single
/// key, so tests share it only in turn: <see cref="StartTestAsync"/> ends the previous test's activation, and the
/// next call starts one with a new incarnation, no known silos, no fingerprints and no feed lease.
/// </summary>
public sealed class CacheVersionsClusterFixture : IAsyncLifetime
{
    /// <summary>
    /// Well under <see cref="CacheVersionsGrain.SiloSilence"/>, so that a silo that never acknowledges is still live
    /// when a waiting publish gives up on it.
    /// </summary>
    public static readonly TimeSpan PropagationTimeout = TimeSpan.FromSeconds(2);

    private InProcessTestCluster? _cluster;

    /// <summary>The silo's clock. It only moves forward, so tests read it rather than assume a start.</summary>
    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private InProcessTestCluster Cluster =>
        _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.AddOptions<CacheOptions>().Configure(static o => o.PropagationTimeout = PropagationTimeout);
        }));
        _cluster = builder.Build();
        await _cluster.DeployAsync().Guarded("versions cluster: deploy");

        var siloTime = _cluster.GetSiloServiceProvider().GetRequiredService<TimeProvider>();
        if (!ReferenceEquals(siloTime, Time))
        {
            throw new InvalidOperationException("The silo resolves a TimeProvider other than the fake clock.");
        }
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync().Guarded("versions cluster: stop");
            await _cluster.DisposeAsync().AsTask().Guarded("versions cluster: dispose");
        }
    }

    /// <summary>The versions grain with no activation yet: its next call starts a fresh one.</summary>
    internal async Task<ICacheVersionsGrain> StartTestAsync()
    {
        var grain = Cluster.Client.GetGrain<ICacheVersionsGrain>(0);
        await Cluster.DeactivateAsync(grain).Guarded("versions cluster: deactivate the previous test's grain");
        return grain;
    }
}
