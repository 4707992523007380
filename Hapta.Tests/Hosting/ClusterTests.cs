using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;

namespace Hapta.Hosting.Tests;

/// <summary>
/// Two real <c>hapta-server</c> processes on one real Redis form one cluster and share grains (issue #2,
/// point 3): both see two active silos, and both reach the same single activation of the catalog grain.
/// </summary>
public sealed class ClusterTests(PocketBaseOnlyFixture fixture) : IClassFixture<PocketBaseOnlyFixture>, IAsyncLifetime
{
    private readonly string _adminKey = SocialData.Unique("admin-key-") + new string('k', 24);
    private RedisProcess _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisProcess.StartAsync().Within("redis start-up");

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task TwoSilosOnOneRedis_OneClusterSharingGrains()
    {
        await using var first = StartSilo();
        await first.WaitReadyAsync();
        await using var second = StartSilo();
        await second.WaitReadyAsync();

        await BothSeeTwoSilosAsync(first, second);
        var seenByFirst = await ClusterAsync(first);
        var seenBySecond = await ClusterAsync(second);
        const string list = "/api/collections/posts/records?sort=created";
        var listFirst = await Exchange.SendAsync(first.Http, HttpMethod.Get, list);
        var listSecond = await Exchange.SendAsync(second.Http, HttpMethod.Get, list);

        Assert.NotEqual((string?)seenByFirst["silo"], (string?)seenBySecond["silo"]);
        Assert.True(
            JsonNode.DeepEquals(seenByFirst["activeSilos"], seenBySecond["activeSilos"]),
            $"{seenByFirst}\n{seenBySecond}");
        Assert.True(
            JsonNode.DeepEquals(seenByFirst["catalog"], seenBySecond["catalog"]),
            $"one catalog activation expected:\n{seenByFirst}\n{seenBySecond}");
        Assert.Equal(200, listFirst.Status);
        Assert.True(JsonNode.DeepEquals(listFirst.Json, listSecond.Json));
    }

    [Fact]
    public async Task Session_SurvivesTheSiloThatHeldIt()
    {
        await using var first = StartSilo();
        await first.WaitReadyAsync();
        await using var second = StartSilo();
        await second.WaitReadyAsync();
        await BothSeeTwoSilosAsync(first, second);
        var user = await SocialData.SignUpAsync(fixture.PocketBase.Http, first.Http);
        var sessionId = (string)Jwt.Claims(user.HaptaToken!)["sid"]!;
        var host = (string)(await AdminGetAsync(first, $"/hapta/admin/sessions/{sessionId}"))["silo"]!;
        var (holder, survivor) = (string?)(await ClusterAsync(first))["silo"] == host
            ? (first, second)
            : (second, first);

        holder.Kill();
        await Guard.Until(
            async () => (await Exchange.SendAsync(survivor.Http, HttpMethod.Get, "/api/collections/posts/records",
                user.HaptaToken)).Status == 200,
            "session served by the surviving silo",
            TimeSpan.FromSeconds(60));
        var refreshed = await Exchange.SendAsync(
            survivor.Http, HttpMethod.Post, "/api/collections/users/auth-refresh", user.HaptaToken);
        var moved = await AdminGetAsync(survivor, $"/hapta/admin/sessions/{sessionId}");

        Assert.Equal(200, refreshed.Status);
        Assert.Equal(2, (long?)Jwt.Claims((string)refreshed.Json!["token"]!)["gen"]);
        Assert.True((bool)moved["live"]!);
        Assert.NotEqual(host, (string?)moved["silo"]);
    }

    [Fact]
    public async Task WriteThroughOneSilo_ReadThroughTheOther_ReflectsIt()
    {
        await using var first = StartSilo();
        await first.WaitReadyAsync();
        await using var second = StartSilo();
        await second.WaitReadyAsync();
        await BothSeeTwoSilosAsync(first, second);
        var user = await SocialData.SignUpAsync(fixture.PocketBase.Http, first.Http);
        var post = await SocialData.CreatePostAsync(fixture.PocketBase.Http, user, isPublic: true, "version 0");
        var path = $"/api/collections/posts/records/{post["id"]}";
        var seen = new List<string?>();

        for (var version = 1; version <= 5; version++)
        {
            // Both silos hold the record before each write, so a silo that missed the write would serve it stale.
            await Exchange.SendAsync(first.Http, HttpMethod.Get, path);
            await Exchange.SendAsync(second.Http, HttpMethod.Get, path);
            var (writer, reader) = version % 2 == 0 ? (second, first) : (first, second);
            var written = await Exchange.SendAsync(
                writer.Http, HttpMethod.Patch, path, user.HaptaToken, $$"""{"content":"version {{version}}"}""");
            Assert.Equal(200, written.Status);
            seen.Add((string?)(await Exchange.SendAsync(reader.Http, HttpMethod.Get, path)).Json!["content"]);
        }

        Assert.Equal(["version 1", "version 2", "version 3", "version 4", "version 5"], seen);
    }

    private Task BothSeeTwoSilosAsync(HaptaProcess first, HaptaProcess second) => Guard.Until(
        async () => (await ClusterAsync(first))["activeSilos"]!.AsArray().Count == 2
            && (await ClusterAsync(second))["activeSilos"]!.AsArray().Count == 2,
        "membership: both silos see two",
        TimeSpan.FromSeconds(60));

    private HaptaProcess StartSilo() => HaptaProcess.Start(
    [
        .. HaptaProcess.PocketBaseArguments(fixture.PocketBase),
        .. HaptaProcess.RoomyRateLimits(),
        .. HaptaProcess.SiloPortArguments(),
        $"--Hapta:Cluster:Redis={_redis.ConnectionString}",
        $"--Hapta:Cluster:ClusterId=test-{_redis.Port}",
        $"--Hapta:AdminKey={_adminKey}",
    ]);

    private Task<JsonObject> ClusterAsync(HaptaProcess server) => AdminGetAsync(server, "/hapta/admin/cluster");

    private async Task<JsonObject> AdminGetAsync(HaptaProcess server, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminKey);
        using var response = await server.Http.SendAsync(request).Within("GET " + path);
        var answer = await Answer.ReadAsync(response);
        Assert.True(answer.Status == 200, answer.ToString());
        return (JsonObject)answer.Json!;
    }
}
