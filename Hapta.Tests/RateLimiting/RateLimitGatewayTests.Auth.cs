using Hapta.Tests.Infrastructure;

namespace Hapta.RateLimiting.Tests;

/// <summary>Auth routes: limited per IP and per identity, and refused before PocketBase spends a bcrypt hash.</summary>
public sealed partial class RateLimitGatewayTests
{
    [Fact]
    public async Task LoginStorm_FromOneAddress_IsStoppedBeforePocketBaseSeesIt()
    {
        var ip = TestClients.NextIp();
        // Hapta passes expand on to PocketBase, so this marker finds the storm's logins in PocketBase's own log.
        var marker = SocialData.Unique("storm");
        var statuses = new List<int>();

        for (var i = 0; i < 15; i++)
        {
            var identity = SocialData.Unique("nobody") + "@example.com";
            var reply = await Reply.SendAsync(
                fixture.Trusting.Http,
                HttpMethod.Post,
                $"/api/collections/users/auth-with-password?expand=m_via_{marker}",
                ip,
                json: $$"""{"identity":"{{identity}}","password":"wrong-password"}""");
            statuses.Add(reply.Status);
        }

        await PocketBaseLog.WaitForAsync(fixture.PocketBase, marker);
        var seenByPocketBase = await PocketBaseLog.CountAsync(fixture.PocketBase, marker);

        var admitted = RateLimitGatewayFixture.AuthMax;
        Assert.Equal(Enumerable.Repeat(400, admitted).Concat(Enumerable.Repeat(429, 15 - admitted)), statuses);
        Assert.Equal(admitted, seenByPocketBase);
    }

    [Fact]
    public async Task Logins_ForOneIdentity_AreLimitedFromEveryAddress()
    {
        var user = await SocialData.SignUpAsync(fixture.PocketBase.Http);
        var statuses = new List<int>();

        for (var i = 0; i <= RateLimitGatewayFixture.AuthIdentityMax; i++)
        {
            var reply = await Reply.SendAsync(
                fixture.Trusting.Http,
                HttpMethod.Post,
                "/api/collections/users/auth-with-password",
                TestClients.NextIp(),
                // Case and spaces do not make another identity.
                json: $$"""{"identity":" {{user.Email.ToUpperInvariant()}} ","password":"wrong-{{i}}"}""");
            statuses.Add(reply.Status);
        }

        var rightPasswordToo = await Reply.SendAsync(
            fixture.Trusting.Http,
            HttpMethod.Post,
            "/api/collections/users/auth-with-password",
            TestClients.NextIp(),
            json: $$"""{"identity":"{{user.Email}}","password":"{{user.Password}}"}""");

        Assert.Equal(Enumerable.Repeat(400, RateLimitGatewayFixture.AuthIdentityMax).Append(429), statuses);
        Assert.Equal(429, rightPasswordToo.Status);
        Assert.Contains("\"auth-identity\";r=0;", rightPasswordToo.Header("RateLimit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logins_FromEveryAddressAndForEveryIdentity_AreLimitedTogether()
    {
        var statuses = new List<int>();
        Reply? refused = null;

        // Fresh identities each time, and per-IP limits out of reach: only the cluster-wide login limit applies.
        for (var i = 0; i <= RateLimitGatewayFixture.LoginMax; i++)
        {
            var reply = await Reply.SendAsync(
                fixture.LoginLimited.Http,
                HttpMethod.Post,
                "/api/collections/users/auth-with-password",
                TestClients.NextIp(),
                json: $$"""{"identity":"{{SocialData.Unique("who")}}@example.com","password":"wrong"}""");
            statuses.Add(reply.Status);
            refused = reply;
        }

        Assert.Equal(Enumerable.Repeat(400, RateLimitGatewayFixture.LoginMax).Append(429), statuses);
        Assert.Contains("\"login\";r=0;", refused!.Header("RateLimit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordResetRequests_ForOneAddress_AreLimitedFromEveryAddress()
    {
        var email = SocialData.Unique("reset") + "@example.com";
        var statuses = new List<int>();

        for (var i = 0; i <= RateLimitGatewayFixture.AuthIdentityMax; i++)
        {
            var reply = await Reply.SendAsync(
                fixture.Trusting.Http,
                HttpMethod.Post,
                "/api/collections/users/request-password-reset",
                TestClients.NextIp(),
                json: $$"""{"email":"{{email}}"}""");
            statuses.Add(reply.Status);
        }

        Assert.Equal(Enumerable.Repeat(204, RateLimitGatewayFixture.AuthIdentityMax).Append(429), statuses);
    }
}
