using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;

namespace Hapta.Endpoints.Tests;

/// <summary>
/// The manual OAuth2 flow through Hapta (issue #9, point 4), against a real OIDC provider configured in a PocketBase
/// of its own (<see cref="OAuth2Fixture"/>): <c>auth-methods</c>, the provider's authorization, then
/// <c>auth-with-oauth2</c>, which answers like a password login: PocketBase's record and meta with Hapta's token,
/// never PocketBase's.
/// </summary>
[Collection(OAuth2Collection.Name)]
public sealed class OAuth2LoginTests(OAuth2Fixture fixture)
{
    private const string Users = "/api/collections/users";
    private const string Redirect = "http://127.0.0.1:9/api/oauth2-redirect";

    [Fact]
    public async Task ManualFlow_ProvidersCode_HaptaSessionWithPocketBasesRecordAndMeta()
    {
        var methods = await Exchange.SendAsync(fixture.Hapta.Http, HttpMethod.Get, $"{Users}/auth-methods");
        var oidc = methods.Json!["authProviders"]!.AsArray().Single(p => (string?)p!["name"] == "oidc")!;
        var (code, state) = await AuthorizeAsync((string)oidc["authUrl"]! + Uri.EscapeDataString(Redirect));

        var login = await Exchange.SendAsync(
            fixture.Hapta.Http,
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
        Assert.Equal(fixture.Email, (string?)login.Json!["record"]!["email"]);
        Assert.Equal($"mock-{fixture.Email}", (string?)login.Json["meta"]!["id"]);
        var token = (string)login.Json["token"]!;
        Assert.True(Jwt.Claims(token).ContainsKey("sid"), "the token is not one of Hapta's sessions");
        var refreshed = await Exchange.SendAsync(fixture.Hapta.Http, HttpMethod.Post, $"{Users}/auth-refresh", token);
        Assert.True(refreshed.Status == 200, $"the session works: {refreshed}");
        var direct = await Exchange.SendAsync(fixture.PocketBase.Http, HttpMethod.Post, $"{Users}/auth-refresh", token);
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
            fixture.Hapta.Http, HttpMethod.Post, $"{Users}/auth-with-oauth2", json: body);

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
