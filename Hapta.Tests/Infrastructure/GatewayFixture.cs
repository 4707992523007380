namespace Hapta.Tests.Infrastructure;

/// <summary>One real PocketBase and one Hapta in front of it, shared by the tests of a collection.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    internal PocketBaseProcess PocketBase { get; private set; } = null!;

    internal InProcessHapta Hapta { get; private set; } = null!;

    public string AdminKey { get; } = SocialData.Unique("admin-key-") + new string('k', 24);

    /// <summary>Talks to PocketBase directly, as an app would without Hapta.</summary>
    public HttpClient Direct => PocketBase.Http;

    /// <summary>Talks to Hapta.</summary>
    public HttpClient Gateway => Hapta.Http;

    /// <summary>A fresh user, logged in both at PocketBase and through Hapta.</summary>
    internal Task<TestUser> SignUpAsync() =>
        SocialData.SignUpAsync(Direct, Gateway).Within("sign up and log in");

    public async Task InitializeAsync()
    {
        PocketBase = await PocketBaseProcess.StartAsync()
            .Within("gateway fixture: PocketBase", TimeSpan.FromSeconds(60));
        // Reuse is judged at once here (no concurrent-refresh window), so that tests need not wait it out;
        // the window itself is covered by the session grain's tests on fake time.
        Hapta = await InProcessHapta.StartAsync(
                PocketBase,
                $"--Hapta:AdminKey={AdminKey}",
                "--Hapta:Sessions:ConcurrentRefreshWindow=00:00:00",
                "--Hapta:Catalog:RecheckInterval=00:00:00",
                "--Hapta:Validation:HiddenCollections:0=backstage",
                "--Hapta:Validation:Collections:specimens:body:MaxLength=500",
                "--Hapta:Validation:Collections:specimens:moderated:ReadOnly=true")
            .Within("gateway fixture: Hapta", TimeSpan.FromSeconds(90));
        await Hapta.WaitForChangeFeedAsync();
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
