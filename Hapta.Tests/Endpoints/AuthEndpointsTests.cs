using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;

namespace Hapta.Endpoints.Tests;

/// <summary>
/// Logging in, refreshing and logging out through Hapta against a real PocketBase (issue #4): PocketBase's
/// JSON with Hapta's token, rotation, reuse detection, and no PocketBase token ever reaching a client.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AuthEndpointsTests(GatewayFixture fixture)
{
    private const string Login = "/api/collections/users/auth-with-password";
    private const string Refresh = "/api/collections/users/auth-refresh";
    private const string Feed = "/api/collections/posts/records?perPage=1";

    [Fact]
    public async Task Login_AnswersPocketBasesRecordWithHaptasToken()
    {
        var user = await SocialData.SignUpAsync(fixture.Direct);
        var body = new JsonObject { ["identity"] = user.Email, ["password"] = user.Password }.ToJsonString();

        var (direct, gateway) = await Exchange.BothAsync(fixture, HttpMethod.Post, Login, json: body);

        Assert.Equal(200, gateway.Status);
        Assert.True(JsonNode.DeepEquals(direct.Json!["record"], gateway.Json!["record"]), $"{direct}\n{gateway}");
        var token = (string)gateway.Json["token"]!;
        Assert.NotEqual((string?)direct.Json["token"], token);
        var claims = Jwt.Claims(token);
        Assert.Equal(user.Id, (string?)claims["id"]);
        Assert.Equal("_pb_users_auth_", (string?)claims["collectionId"]);
        Assert.Equal("authRecord", (string?)claims["type"]);
        Assert.Equal(1, (long?)claims["gen"]);
        Assert.False(string.IsNullOrEmpty((string?)claims["sid"]));
        Assert.True((long)claims["exp"]! > TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData("""{"identity":"{user}","password":"wrong-password"}""")]
    [InlineData("""{"identity":"nobody-{user}@example.com","password":"whatever-it-is"}""")]
    [InlineData("""{"identity":"{user}"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"identity":"   ","password":"x"}""")]
    public async Task Login_BadCredentials_SameAnswerAsPocketBase(string template)
    {
        var user = await SocialData.SignUpAsync(fixture.Direct);
        var body = template.Replace("{user}", user.Username, StringComparison.Ordinal);

        var (direct, gateway) = await Exchange.BothAsync(fixture, HttpMethod.Post, Login, json: body);

        Exchange.AssertSame(direct, gateway);
        Assert.Equal(400, gateway.Status);
    }

    [Fact]
    public async Task Login_ValuesNotText_PocketBasesMessage_AndHaptaNamesTheFields()
    {
        const string Body = """{"identity":42,"password":true}""";

        var (direct, gateway) = await Exchange.BothAsync(fixture, HttpMethod.Post, Login, json: Body);

        Assert.Equal(400, direct.Status);
        ErrorShape.AssertProblem(gateway, 400);
        Assert.Equal((string?)direct.Json!["message"], (string?)gateway.Json!["message"]);
        Assert.Equal("hapta_invalid_type", (string?)gateway.Json["data"]!["identity"]!["code"]);
        Assert.Equal("hapta_invalid_type", (string?)gateway.Json["data"]!["password"]!["code"]);
    }

    [Fact]
    public async Task SignUpThroughHapta_ThenLogin_Works()
    {
        var username = SocialData.Unique("new");
        var signUp = new JsonObject
        {
            ["username"] = username,
            ["email"] = username + "@example.com",
            ["password"] = "pw-" + username,
            ["passwordConfirm"] = "pw-" + username,
        }.ToJsonString();

        var created = await Exchange.SendAsync(
            fixture.Gateway, HttpMethod.Post, "/api/collections/users/records", json: signUp);
        var login = await Exchange.SendAsync(
            fixture.Gateway,
            HttpMethod.Post,
            Login,
            json: $$"""{"identity":"{{username}}","password":"pw-{{username}}"}""");

        Assert.Equal(200, created.Status);
        Assert.Equal(200, login.Status);
        Assert.Equal((string?)created.Json!["id"], (string?)login.Json!["record"]!["id"]);
    }

    [Fact]
    public async Task Refresh_RotatesToTheNextGeneration_PreviousStillServesInFlightRequests()
    {
        var user = await fixture.SignUpAsync();

        var refreshed = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Post, Refresh, user.HaptaToken);
        var next = (string)refreshed.Json!["token"]!;
        var withPrevious = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Get, Feed, user.HaptaToken);
        var withNext = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Get, Feed, next);

        Assert.Equal(200, refreshed.Status);
        Assert.Equal(user.Id, (string?)refreshed.Json["record"]!["id"]);
        Assert.Equal(2, (long?)Jwt.Claims(next)["gen"]);
        Assert.Equal((string?)Jwt.Claims(user.HaptaToken!)["sid"], (string?)Jwt.Claims(next)["sid"]);
        Assert.Equal(200, withPrevious.Status);
        Assert.Equal(200, withNext.Status);
    }

    [Fact]
    public async Task Refresh_WithARetiredToken_EndsTheWholeSession()
    {
        var user = await fixture.SignUpAsync();
        var refreshed = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Post, Refresh, user.HaptaToken);
        var next = (string)refreshed.Json!["token"]!;

        var replay = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Post, Refresh, user.HaptaToken);
        var successor = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Get, Feed, next);
        var successorRefresh = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Post, Refresh, next);

        ErrorShape.AssertProblem(replay, 401);
        ErrorShape.AssertProblem(successor, 401);
        ErrorShape.AssertProblem(successorRefresh, 401);
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        var user = await fixture.SignUpAsync();

        var logout = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Post, "/hapta/auth/logout", user.HaptaToken);
        var after = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Get, Feed, user.HaptaToken);
        var refresh = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Post, Refresh, user.HaptaToken);

        Assert.Equal(204, logout.Status);
        ErrorShape.AssertProblem(after, 401);
        ErrorShape.AssertProblem(refresh, 401);
    }

    [Fact]
    public async Task ForeignTokens_RefusedWith401()
    {
        var user = await fixture.SignUpAsync();
        var parts = user.HaptaToken!.Split('.');
        var forgedClaims = Jwt.Claims(user.HaptaToken!);
        forgedClaims["id"] = "someoneelse0000";
        var forged = parts[0] + "." + System.Buffers.Text.Base64Url.EncodeToString(
            System.Text.Encoding.UTF8.GetBytes(forgedClaims.ToJsonString())) + "." + parts[2];
        var unsigned = """eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.""" + parts[1] + ".";

        foreach (var token in new[] { user.Token, forged, unsigned, "garbage", parts[0] + "." + parts[1] + ".AAAA" })
        {
            var list = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Get, Feed, token);
            var refresh = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Post, Refresh, token);

            ErrorShape.AssertProblem(list, 401);
            ErrorShape.AssertProblem(refresh, 401);
        }
    }

    [Fact]
    public async Task PrivateRecords_VisibleOnlyToTheirOwnerThroughHapta()
    {
        var owner = await fixture.SignUpAsync();
        var other = await fixture.SignUpAsync();
        var marker = SocialData.Unique("private");
        await SocialData.CreatePostAsync(fixture.Direct, owner, isPublic: false, marker);
        var path = $"/api/collections/posts/records?filter={Uri.EscapeDataString($"content = '{marker}'")}";

        var asOwner = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Get, path, owner.HaptaToken);
        var asOther = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Get, path, other.HaptaToken);
        var asGuest = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Get, path);

        Assert.Equal(1, (int?)asOwner.Json!["totalItems"]);
        Assert.Equal(0, (int?)asOther.Json!["totalItems"]);
        Assert.Equal(0, (int?)asGuest.Json!["totalItems"]);
    }

    [Fact]
    public async Task AdminRevokesAUser_EverySessionEnds()
    {
        var user = await fixture.SignUpAsync();
        var second = await SocialData.LogInAsync(fixture.Gateway, user);
        using var revoke = new HttpRequestMessage(
            HttpMethod.Delete, $"/hapta/admin/users/users/{user.Id}/sessions");
        revoke.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.AdminKey);

        using var response = await fixture.Gateway.SendAsync(revoke).Within("admin revoke");
        var answer = await Answer.ReadAsync(response);
        var first = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Get, Feed, user.HaptaToken);
        var other = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Get, Feed, second);

        Assert.Equal(200, answer.Status);
        Assert.Equal(2, (int?)answer.Json!["revoked"]);
        ErrorShape.AssertProblem(first, 401);
        ErrorShape.AssertProblem(other, 401);
    }

    [Fact]
    public async Task AuthMethods_SameAsPocketBase()
    {
        var (direct, gateway) = await Exchange.BothAsync(
            fixture, HttpMethod.Get, "/api/collections/users/auth-methods");

        Exchange.AssertSame(direct, gateway);
    }

    [Fact]
    public async Task AuthRoutes_OnABaseCollection_NotFound()
    {
        var answer = await Exchange.SendAsync(
            fixture.Gateway, HttpMethod.Post, "/api/collections/posts/auth-with-password", json: "{}");

        ErrorShape.AssertProblem(answer, 404);
    }
}
