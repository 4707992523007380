using Hapta.PocketBase;
using Hapta.PocketBase.Tests;
using Hapta.RateLimiting;
using Microsoft.Extensions.Configuration;
using Hapta.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Hapta.Sessions.Tests;

/// <summary>
/// One in-process silo with memory grain storage, the fake PocketBase and the fake clock held here, and session
/// options small enough to reach every boundary with a few advances. Tests share the silo but not its state:
/// each uses fresh session and user ids, and <see cref="StartTest"/> clears the fake.
/// </summary>
public sealed class SessionClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(1);

    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromMinutes(90);

    public static readonly TimeSpan GraceWindow = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan ConcurrentRefreshWindow = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan PocketBaseTokenRenewBefore = TimeSpan.FromMinutes(10);

    private InProcessTestCluster? _cluster;

    internal FakePocketBaseApi PocketBase { get; } = new();

    /// <summary>The silo's clock. It only moves forward, so tests read it rather than assume a start.</summary>
    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    internal IClusterClient Client => Cluster.Client;

    private InProcessTestCluster Cluster =>
        _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorageAsDefault();
            silo.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Time);
                services.AddSingleton<IPocketBaseApi>(PocketBase);
                services.AddHaptaRateLimiting(new ConfigurationBuilder().Build());
                services.Configure<HaptaSessionOptions>(static o =>
                {
                    o.IdleTimeout = IdleTimeout;
                    o.AbsoluteLifetime = AbsoluteLifetime;
                    o.GraceWindow = GraceWindow;
                    o.ConcurrentRefreshWindow = ConcurrentRefreshWindow;
                    o.PocketBaseTokenRenewBefore = PocketBaseTokenRenewBefore;
                    o.LastSeenWriteInterval = TimeSpan.FromMinutes(1);
                    o.BindToClientIp = true;
                });
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync().Guarded("session cluster: deploy");

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
            await _cluster.StopAllSilosAsync().Guarded("session cluster: stop");
            await _cluster.DisposeAsync().AsTask().Guarded("session cluster: dispose");
        }
    }

    /// <summary>
    /// Forgets the previous test's PocketBase answers and calls, and moves the clock to a whole second, so that
    /// expiries written as unix seconds (JWT <c>exp</c>) equal the instants they were computed from.
    /// </summary>
    internal void StartTest()
    {
        PocketBase.AuthRefresh = null;
        lock (PocketBase.AuthRefreshTokens)
        {
            PocketBase.AuthRefreshTokens.Clear();
        }

        var intoSecond = Time.GetUtcNow().Ticks % TimeSpan.TicksPerSecond;
        if (intoSecond != 0)
        {
            Time.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - intoSecond));
        }
    }

    /// <summary>The PocketBase tokens presented to auth-refresh so far, in order.</summary>
    internal string[] AuthRefreshTokens()
    {
        lock (PocketBase.AuthRefreshTokens)
        {
            return [.. PocketBase.AuthRefreshTokens];
        }
    }

    /// <summary>Ends the grain's activation and waits for it, so that its next call reads storage.</summary>
    internal Task DeactivateAsync(IAddressable grain) => Cluster.DeactivateAsync(grain);

    /// <summary>What the session grain last wrote to storage, read behind its back.</summary>
    internal async Task<SessionState> ReadStoredSessionAsync(ISessionGrain grain)
    {
        var storage = Cluster.GetSiloServiceProvider()
            .GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var stored = new GrainState<SessionState>(new SessionState());
        await storage.ReadStateAsync("session", grain.GetGrainId(), stored);
        return stored.State ?? throw new InvalidOperationException("The storage returned no session state.");
    }
}
