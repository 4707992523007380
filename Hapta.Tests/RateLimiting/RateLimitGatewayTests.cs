using System.Globalization;
using Hapta.Tests.Infrastructure;

namespace Hapta.RateLimiting.Tests;

/// <summary>
/// The limits at the edge, through real HTTP to a Hapta in front of a real PocketBase (issue #6): exact counts
/// per IP, per user and per route, the 429 in the error shape, the draft RateLimit headers on every answer,
/// and forwarded headers believed only from a trusted proxy. Each test is its own clients (fresh addresses).
/// </summary>
[Collection(RateLimitGatewayCollection.Name)]
public sealed partial class RateLimitGatewayTests(RateLimitGatewayFixture fixture)
{
    private const int Max = RateLimitGatewayFixture.IpMax;

    /// <summary>A read Hapta answers itself (404), so only the limits are exercised, never PocketBase.</summary>
    private static readonly string Nowhere = "/api/collections/" + SocialData.Unique("none") + "/records";

    [Fact]
    public async Task Guest_OverIpLimit_GetsA429InTheErrorShape()
    {
        var ip = TestClients.NextIp();
        var statuses = new List<int>();

        for (var i = 0; i < Max; i++)
        {
            statuses.Add((await SendAsync(ip)).Status);
        }

        var refused = await SendAsync(ip);

        Assert.All(statuses, static s => Assert.Equal(404, s));
        var body = ErrorShape.AssertProblem(refused.Answer, 429);
        Assert.Equal(RateLimitGatewayFixture.Message, (string?)body["message"]);
        Assert.Contains("ip limit of 12 requests per 1 h", (string?)body["detail"], StringComparison.Ordinal);
        // One permit returns every 3600 s / 12 = 300 s, counted from when the bucket was first drawn on.
        Assert.InRange(int.Parse(refused.Header("Retry-After")!, CultureInfo.InvariantCulture), 290, 300);
        Assert.StartsWith("\"ip\";r=0;", refused.Header("RateLimit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryAnswer_CarriesThePoliciesAndWhatRemains()
    {
        var ip = TestClients.NextIp();

        var first = await SendAsync(ip);
        var second = await SendAsync(ip);

        Assert.Equal("\"ip\";q=12;w=3600, \"read\";q=1000000;w=60", first.Header("RateLimit-Policy"));
        // The read policy's bucket (a million a minute) is full again within 60 µs, so its t is 0 or 1.
        Assert.Matches("^\"ip\";r=11;t=(29[0-9]|300), \"read\";r=999999;t=[01]$", first.Header("RateLimit") ?? "");
        Assert.Matches("^\"ip\";r=10;t=(59[0-9]|600), ", second.Header("RateLimit") ?? "");
    }

    [Fact]
    public async Task Cors_ExposesTheRateLimitHeadersToBrowsers()
    {
        var reply = await Reply.SendAsync(
            fixture.Trusting.Http, HttpMethod.Get, Nowhere, TestClients.NextIp(), origin: "https://app.example.com");

        var exposed = reply.Header("Access-Control-Expose-Headers") ?? "";

        Assert.Contains("RateLimit-Policy", exposed, StringComparison.Ordinal);
        Assert.Contains("RateLimit", exposed.Split(',', StringSplitOptions.TrimEntries));
        Assert.Contains("Retry-After", exposed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardedFor_FromATrustedProxy_CountsEachClientApart()
    {
        var (one, two) = (TestClients.NextIp(), TestClients.NextIp());
        for (var i = 0; i < Max; i++)
        {
            Assert.Equal(404, (await SendAsync(one)).Status);
        }

        var oneRefused = await SendAsync(one);
        var twoServed = await SendAsync(two);
        // Behind two trusted hops the client is the last address no trusted proxy added.
        var chained = await SendAsync($"{one}, 127.0.0.1");

        Assert.Equal(429, oneRefused.Status);
        Assert.Equal(404, twoServed.Status);
        Assert.Equal(429, chained.Status);
    }

    [Fact]
    public async Task ForwardedFor_FromAnUntrustedPeer_IsIgnored()
    {
        var statuses = new List<int>();

        // Every request claims another client; Hapta trusts no proxy, so all are 127.0.0.1's.
        for (var i = 0; i <= Max; i++)
        {
            var reply = await Reply.SendAsync(fixture.Untrusting.Http, HttpMethod.Get, Nowhere, TestClients.NextIp());
            statuses.Add(reply.Status);
        }

        Assert.Equal(Enumerable.Repeat(404, Max).Append(429), statuses);
    }

    [Fact]
    public async Task Health_IsNeverLimited()
    {
        var ip = TestClients.NextIp();
        var statuses = new List<int>();

        for (var i = 0; i < Max * 2; i++)
        {
            statuses.Add((await Reply.SendAsync(fixture.Trusting.Http, HttpMethod.Get, "/health", ip)).Status);
        }

        var stillServed = await SendAsync(ip);

        Assert.All(statuses, static s => Assert.Equal(200, s));
        Assert.Equal(404, stillServed.Status);
    }

    [Fact]
    public async Task User_LimitHoldsAcrossAllOfTheirSessions()
    {
        var user = await SocialData.SignUpAsync(fixture.PocketBase.Http);
        var sessions = new[] { await LogInAsync(user), await LogInAsync(user) };
        var statuses = new List<int>();

        // Each request from a fresh address, so that only the per-user limit can refuse.
        for (var i = 0; i <= RateLimitGatewayFixture.UserMax; i++)
        {
            var reply = await SendAsync(TestClients.NextIp(), sessions[i % 2]);
            statuses.Add(reply.Status);
            if (reply.Status == 429)
            {
                Assert.Contains("\"user\";r=0;", reply.Header("RateLimit"), StringComparison.Ordinal);
            }
        }

        Assert.Equal(Enumerable.Repeat(404, RateLimitGatewayFixture.UserMax).Append(429), statuses);
    }

    [Fact]
    public async Task Writes_HaveTheirOwnSmallerLimit()
    {
        var ip = TestClients.NextIp();
        var statuses = new List<int>();

        for (var i = 0; i <= RateLimitGatewayFixture.WriteMax; i++)
        {
            var reply = await Reply.SendAsync(fixture.Trusting.Http, HttpMethod.Post, Nowhere, ip, json: "{}");
            statuses.Add(reply.Status);
        }

        var readStillServed = await SendAsync(ip);

        Assert.Equal(Enumerable.Repeat(404, RateLimitGatewayFixture.WriteMax).Append(429), statuses);
        Assert.Equal(404, readStillServed.Status);
    }

    private Task<Reply> SendAsync(string ip, string? token = null) =>
        Reply.SendAsync(fixture.Trusting.Http, HttpMethod.Get, Nowhere, ip, token);

    /// <summary>A login through the trusting Hapta from an address of its own; returns the Hapta token.</summary>
    private async Task<string> LogInAsync(TestUser user)
    {
        var reply = await Reply.SendAsync(
            fixture.Trusting.Http,
            HttpMethod.Post,
            "/api/collections/users/auth-with-password",
            TestClients.NextIp(),
            json: $$"""{"identity":"{{user.Email}}","password":"{{user.Password}}"}""");
        Assert.True(reply.Status == 200, reply.ToString());
        return (string)reply.Answer.Json!["token"]!;
    }
}
