namespace Hapta.Tests.Infrastructure;

/// <summary>One real PocketBase and one Hapta in front of it, shared by the tests of a collection.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    internal PocketBaseProcess PocketBase { get; private set; } = null!;

    internal InProcessHapta Hapta { get; private set; } = null!;

    /// <summary>Talks to PocketBase directly, as an app would without Hapta.</summary>
    public HttpClient Direct => PocketBase.Http;

    /// <summary>Talks to Hapta.</summary>
    public HttpClient Gateway => Hapta.Http;

    public async Task InitializeAsync()
    {
        PocketBase = await PocketBaseProcess.StartAsync().Within("gateway fixture: PocketBase", TimeSpan.FromSeconds(60));
        Hapta = await InProcessHapta.StartAsync(PocketBase).Within("gateway fixture: Hapta", TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync()
    {
        if (Hapta is not null)
        {
            await Hapta.DisposeAsync();
        }

        if (PocketBase is not null)
        {
            await PocketBase.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "Gateway";
}
