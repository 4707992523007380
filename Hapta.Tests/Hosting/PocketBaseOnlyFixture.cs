using Hapta.Tests.Infrastructure;

namespace Hapta.Hosting.Tests;

/// <summary>A real PocketBase of the class's own, with no Hapta: each test starts the servers it needs.</summary>
public sealed class PocketBaseOnlyFixture : IAsyncLifetime
{
    internal PocketBaseProcess PocketBase { get; private set; } = null!;

    public async Task InitializeAsync() =>
        PocketBase = await PocketBaseProcess.StartAsync().Within("PocketBase start-up", TimeSpan.FromSeconds(60));

    public async Task DisposeAsync()
    {
        if (PocketBase is not null)
        {
            await PocketBase.DisposeAsync();
        }
    }
}
