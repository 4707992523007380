using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;

namespace Hapta.Endpoints.Tests;

/// <summary>
/// The manual OAuth2 flow through Hapta (issue #9, point 4), against a real OIDC provider (npm
/// <c>oauth2-mock-server</c>) configured in a PocketBase of this class's own: <c>auth-methods</c>, the provider's
/// authorization, then <c>auth-with-oauth2</c>, which answers like a password login: PocketBase's record and meta
/// with Hapta's token, never PocketBase's.
/// </summary>
public sealed class OAuth2LoginTests : IAsyncLifetime
{
    private const string Users = "/api/collections/users";
    private const string Redirect = "http://127.0.0.1:9/api/oauth2-redirect";

    private readonly string _email = SocialData.Unique("oauth") + "@example.com";
    private PocketBaseProcess _pocketBase = null!;
    private InProcessHapta _hapta = null!;
    private MockOidcProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _pocketBase = await PocketBaseProcess.StartAsync().Within("PocketBase", TimeSpan.FromSeconds(60));
        _provider = await MockOidcProvider.StartAsync(_email).Within("mock OIDC provider", TimeSpan.FromMinutes(4));
        var settings = new JsonObject
        {
            ["oidcAuth"] = new JsonObject
            {
                ["enabled"] = true,
                ["clientId"] = "hapta-tests",
                ["clientSecret"] = "not-a-secret",
                ["authUrl"] = new Uri(_provider.Url, "/authorize").ToString(),
                ["tokenUrl"] = new Uri(_provider.Url, "/token").ToString(),
                ["userApiUrl"] = new Uri(_provider.Url, "/userinfo").ToString(),
                ["pkce"] = true,
            },
        };
        var configured = await Exchange.SendAsync(
            _pocketBase.Http, HttpMethod.Patch, "/api/settings", await _pocketBase.AdminTokenAsync(),
            settings.ToJsonString());
        Assert.True(configured.Status == 200, $"PocketBase refused the OIDC settings: {configured}");
        _hapta = await InProcessHapta.StartAsync(_pocketBase).Within("Hapta", TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync()
    {
        await _hapta.DisposeAsync();
        await _provider.DisposeAsync();
        await _pocketBase.DisposeAsync();
    }

    [Fact]
    public async Task ManualFlow_ProvidersCode_HaptaSessionWithPocketBasesRecordAndMeta()
    {
        var methods = await Exchange.SendAsync(_hapta.Http, HttpMethod.Get, $"{Users}/auth-methods");
        var oidc = methods.Json!["authProviders"]!.AsArray().Single(p => (string?)p!["name"] == "oidc")!;
        var (code, state) = await AuthorizeAsync((string)oidc["authUrl"]! + Uri.EscapeDataString(Redirect));

        var login = await Exchange.SendAsync(
            _hapta.Http,
            HttpMethod.Post,
            $"{Users}/auth-with-oauth2",
            json: new JsonObject
            {
                ["provider"] = "oidc",
                ["code"] = code,
                ["codeVerifier"] = (string?)oidc["codeVerifier"],
                ["redirectUrl"] = Redirect,
                ["createData"] = new JsonObject { ["name"] = "Created by OAuth2" },
            }.ToJsonString());

        Assert.Equal((string?)oidc["state"], state);
        Assert.True(login.Status == 200, $"auth-with-oauth2 through Hapta: {login}");
        Assert.Equal(_email, (string?)login.Json!["record"]!["email"]);
        Assert.Equal($"mock-{_email}", (string?)login.Json["meta"]!["id"]);
        var token = (string)login.Json["token"]!;
        Assert.True(Jwt.Claims(token).ContainsKey("sid"), "the token is not one of Hapta's sessions");
        var refreshed = await Exchange.SendAsync(_hapta.Http, HttpMethod.Post, $"{Users}/auth-refresh", token);
        Assert.True(refreshed.Status == 200, $"the session works: {refreshed}");
        var direct = await Exchange.SendAsync(_pocketBase.Http, HttpMethod.Post, $"{Users}/auth-refresh", token);
        Assert.Equal(401, direct.Status);
    }

    [Theory]
    [InlineData("""{"code":"c","redirectUrl":"http://x.test/cb"}""", "provider", "validation_required")]
    [InlineData("""{"provider":"oidc","redirectUrl":"http://x.test/cb"}""", "code", "validation_required")]
    [InlineData("""{"provider":"oidc","code":"c"}""", "redirectUrl", "validation_required")]
    [InlineData("""{"provider":"o i/dc","code":"c","redirectUrl":"http://x.test/cb"}""", "provider",
        "validation_invalid_value")]
    [InlineData("""{"provider":"oidc","code":"c","redirectUrl":"http://x.test/cb","createData":"x"}""",
        "createData", "hapta_invalid_type")]
    [InlineData("""{"provider":"oidc","code":"c","redirectUrl":"http://x.test/cb","admin":true}""", "admin",
        "validation_unknown_field")]
    public async Task ManualFlow_MalformedBody_400WithTheField(string body, string field, string code)
    {
        var answer = await Exchange.SendAsync(
            _hapta.Http, HttpMethod.Post, $"{Users}/auth-with-oauth2", json: body);

        ErrorShape.AssertProblem(answer, 400);
        Assert.Equal(code, (string?)answer.Json!["data"]![field]!["code"]);
    }

    /// <summary>What a browser does at the provider: opens the authorization URL, and reads where it is sent.</summary>
    private static async Task<(string Code, string State)> AuthorizeAsync(string authUrl)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(new Uri(authUrl)).Within("the provider's authorization");
        var location = response.Headers.Location
            ?? throw new InvalidOperationException($"the provider answered {response.StatusCode} without Location");
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        return (query["code"]!, query["state"]!);
    }
}
