using System.Text.Json.Nodes;

namespace Hapta.Tests.Infrastructure;

/// <summary>
/// A PocketBase of its own with a real OIDC provider (npm <c>oauth2-mock-server</c>) configured as its <c>oidc</c>
/// login, and Hapta in front of it; kept apart from the shared gateway, whose <c>auth-methods</c> must not change.
/// </summary>
public sealed class OAuth2Fixture : IAsyncLifetime
{
    internal PocketBaseProcess PocketBase { get; private set; } = null!;

    internal InProcessHapta Hapta { get; private set; } = null!;

    internal MockOidcProvider Provider { get; private set; } = null!;

    /// <summary>The address the provider's userinfo gives, so the account every login lands on.</summary>
    public string Email { get; } = SocialData.Unique("oauth") + "@example.com";

    public async Task InitializeAsync()
    {
        PocketBase = await PocketBaseProcess.StartAsync().Within("PocketBase", TimeSpan.FromSeconds(60));
        Provider = await MockOidcProvider.StartAsync(Email).Within("mock OIDC provider", TimeSpan.FromMinutes(4));
        var settings = new JsonObject
        {
            ["oidcAuth"] = new JsonObject
            {
                ["enabled"] = true,
                ["clientId"] = "hapta-tests",
                ["clientSecret"] = "not-a-secret",
                ["authUrl"] = new Uri(Provider.Url, "/authorize").ToString(),
                ["tokenUrl"] = new Uri(Provider.Url, "/token").ToString(),
                ["userApiUrl"] = new Uri(Provider.Url, "/userinfo").ToString(),
                ["pkce"] = true,
            },
        };
        var configured = await Exchange.SendAsync(
            PocketBase.Http, HttpMethod.Patch, "/api/settings", await PocketBase.AdminTokenAsync(),
            settings.ToJsonString());
        if (configured.Status != 200)
        {
            throw new InvalidOperationException($"PocketBase refused the OIDC settings: {configured}");
        }

        Hapta = await InProcessHapta.StartAsync(PocketBase).Within("Hapta", TimeSpan.FromSeconds(90));
        await Hapta.WaitForChangeFeedAsync();
    }

    public async Task DisposeAsync()
    {
        if (Hapta is not null)
        {
            await Hapta.DisposeAsync();
        }

        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }

        if (PocketBase is not null)
        {
            await PocketBase.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class OAuth2Collection : ICollectionFixture<OAuth2Fixture>
{
    public const string Name = "OAuth2";
}
