using Hapta.Tests.Infrastructure;

namespace Hapta.Endpoints.Tests;

/// <summary>
/// PocketBase's admin surface is refused through Hapta whatever the request carries, even a real PocketBase
/// admin token (issue #2, point 6; DESIGN §1.2).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ClosedDoorsTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("GET", "/api/admins")]
    [InlineData("POST", "/api/admins")]
    [InlineData("POST", "/api/admins/auth-with-password")]
    [InlineData("POST", "/api/admins/auth-refresh")]
    [InlineData("DELETE", "/api/admins/abcdefghijklmno")]
    [InlineData("GET", "/API/ADMINS")]
    [InlineData("GET", "/api/settings")]
    [InlineData("PATCH", "/api/settings")]
    [InlineData("POST", "/api/settings/test/email")]
    [InlineData("GET", "/api/logs")]
    [InlineData("GET", "/api/logs/stats")]
    [InlineData("GET", "/api/backups")]
    [InlineData("POST", "/api/backups/upload")]
    [InlineData("GET", "/api/collections")]
    [InlineData("POST", "/api/collections")]
    [InlineData("PUT", "/api/collections/import")]
    [InlineData("GET", "/api/collections/posts")]
    [InlineData("PATCH", "/api/collections/posts")]
    [InlineData("DELETE", "/api/collections/posts")]
    [InlineData("GET", "/_/")]
    [InlineData("GET", "/_/images/logo.svg")]
    [InlineData("GET", "/_")]
    public async Task AdminRoute_WithAdminToken_Forbidden(string method, string path)
    {
        var adminToken = await fixture.PocketBase.AdminTokenAsync().Within("admin login");
        var body = method is "POST" or "PATCH" or "PUT" ? """{"identity":"x","password":"y"}""" : null;

        var answer = await Exchange.SendAsync(fixture.Gateway, new HttpMethod(method), path, adminToken, body);

        var problem = ErrorShape.AssertProblem(answer, 403);
        Assert.Contains("not reachable through Hapta", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminToken_OnRecordsRoute_GetsNoAdminPowers()
    {
        // Until Hapta's own sessions exist the header passes through; Hapta must still never act as admin on
        // its own. A guest's view of the admin-only collection stays 403 however the request is dressed.
        var answer = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Get, "/api/collections/vault/records");

        ErrorShape.AssertProblem(answer, 403);
    }
}
