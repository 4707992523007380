using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;

namespace Hapta.RateLimiting.Tests;

/// <summary>The admin API over buckets, and the global limit on calls to PocketBase.</summary>
public sealed partial class RateLimitGatewayTests
{
    [Fact]
    public async Task Admin_InspectsAndResetsOnePartition()
    {
        var ip = TestClients.NextIp();
        for (var i = 0; i <= Max; i++)
        {
            await SendAsync(ip);
        }

        var exhausted = await AdminAsync(HttpMethod.Get, $"/hapta/admin/rate-limits/ip?ip={ip}");
        var reset = await AdminAsync(HttpMethod.Delete, $"/hapta/admin/rate-limits/ip?ip={ip}");
        var servedAgain = await SendAsync(ip);
        var afterwards = await AdminAsync(HttpMethod.Get, $"/hapta/admin/rate-limits/ip?ip={ip}");

        Assert.Equal(200, exhausted.Status);
        Assert.Equal(ip, (string?)exhausted.Json!["partition"]);
        Assert.Equal(0, (long?)exhausted.Json["available"]);
        Assert.Equal(Max, (long?)exhausted.Json["granted"]);
        Assert.Equal(1, (long?)exhausted.Json["refusals"]);
        Assert.Equal(204, reset.Status);
        Assert.Equal(404, servedAgain.Status);
        Assert.Equal(Max - 1, (long?)afterwards.Json!["available"]);
    }

    [Fact]
    public async Task Admin_ListsThePolicies()
    {
        var list = await AdminAsync(HttpMethod.Get, "/hapta/admin/rate-limits");

        var policies = list.Json!["policies"]!.AsArray().Select(static p => (string?)p!["name"]).ToList();
        var ip = list.Json["policies"]!.AsArray().Single(static p => (string?)p!["name"] == "ip")!;

        Assert.Equal(200, list.Status);
        Assert.Equal(
            ["ip", "user", "global", "auth", "auth-identity", "login", "read", "write", "file", "realtime"], policies);
        Assert.Equal(Max, (int?)ip["max"]);
        Assert.Equal(3600, (double?)ip["windowSeconds"]);
    }

    [Theory]
    [InlineData("/hapta/admin/rate-limits/nosuch?ip=10.0.0.1", 404)]
    [InlineData("/hapta/admin/rate-limits/ip?ip=not-an-ip", 400)]
    [InlineData("/hapta/admin/rate-limits/ip", 400)]
    [InlineData("/hapta/admin/rate-limits/user?user=users", 400)]
    [InlineData("/hapta/admin/rate-limits/user?user=posts/abc", 404)]
    [InlineData("/hapta/admin/rate-limits/auth?user=users/abc", 400)]
    public async Task Admin_NamesWhatIsWrongWithAPartition(string path, int status)
    {
        var answer = await AdminAsync(HttpMethod.Get, path);

        ErrorShape.AssertProblem(answer, status);
    }

    [Fact]
    public async Task Admin_WithoutTheKey_IsRefused()
    {
        var answer = await Exchange.SendAsync(fixture.Trusting.Http, HttpMethod.Get, "/hapta/admin/rate-limits");

        Assert.Equal(401, answer.Status);
    }

    [Fact]
    public async Task Global_CountsCallsToPocketBase_NotTheClientsBehindThem()
    {
        var statuses = new List<int>();

        // Every read is a fresh query from a fresh address, so each goes to PocketBase and only the global
        // limit (3 calls an hour, cluster-wide) can refuse it.
        for (var i = 0; i <= RateLimitGatewayFixture.GlobalMax; i++)
        {
            var filter = Uri.EscapeDataString($"content != '{SocialData.Unique("")}'");
            var reply = await Reply.SendAsync(
                fixture.GlobalLimited.Http,
                HttpMethod.Get,
                $"/api/collections/posts/records?filter={filter}",
                TestClients.NextIp());
            statuses.Add(reply.Status);
            if (reply.Status == 429)
            {
                var body = ErrorShape.AssertProblem(reply.Answer, 429);
                Assert.Contains("global limit", (string?)body["detail"], StringComparison.Ordinal);
                Assert.NotNull(reply.Header("Retry-After"));
            }
        }

        Assert.Equal(Enumerable.Repeat(200, RateLimitGatewayFixture.GlobalMax).Append(429), statuses);
    }

    private async Task<Answer> AdminAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", fixture.AdminKey);
        using var response = await fixture.Trusting.Http.SendAsync(request).Within($"{method} {path}");
        return await Answer.ReadAsync(response);
    }
}
