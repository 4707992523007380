using Hapta.PocketBase;
using Hapta.PocketBase.Tests;
using Hapta.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Hapta.Collections.Tests;

/// <summary>
/// One in-process silo whose PocketBase, admin session and clock are the fakes held here. Tests share the
/// silo but not its state: <see cref="StartTestAsync"/> deactivates the catalog grain and clears the fakes.
/// </summary>
public sealed class CatalogClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private InProcessTestCluster? _cluster;

    internal FakePocketBaseApi PocketBase { get; } = new();

    internal FakePocketBaseAdminSession Admin { get; } = new();

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
            services.AddSingleton<IPocketBaseApi>(PocketBase);
            services.AddSingleton<IPocketBaseAdminSession>(Admin);
            services.Configure<CatalogOptions>(static o => o.MaxAge = MaxAge);
        }));
        _cluster = builder.Build();
        await _cluster.DeployAsync().Guarded("catalog cluster: deploy");

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
            await _cluster.StopAllSilosAsync().Guarded("catalog cluster: stop");
            await _cluster.DisposeAsync().AsTask().Guarded("catalog cluster: dispose");
        }
    }

    /// <summary>The catalog grain with no activation yet, and fakes that know nothing.</summary>
    internal async Task<ICollectionCatalogGrain> StartTestAsync()
    {
        var grain = Cluster.Client.GetGrain<ICollectionCatalogGrain>(0);
        await Cluster.DeactivateAsync(grain).Guarded("catalog cluster: deactivate the previous test's grain");
        PocketBase.Reset();
        Admin.Reset();
        return grain;
    }
}
