using System.Text.Json.Nodes;
using Hapta.Hosting.Tests;
using Hapta.Tests.Infrastructure;

namespace Hapta.Realtime.Tests;

/// <summary>
/// Realtime across a cluster (issue #9, points 2 and 5): two <c>hapta-server</c> processes on one Redis. A stream
/// held by one silo is subscribed through the other, and receives the events of writes made through either.
/// </summary>
public sealed class TwoSiloRealtimeTests(PocketBaseOnlyFixture fixture)
    : IClassFixture<PocketBaseOnlyFixture>, IAsyncLifetime
{
    private readonly string _adminKey = SocialData.Unique("admin-key-") + new string('k', 24);
    private RedisProcess _redis = null!;
    private HaptaProcess _first = null!;
    private HaptaProcess _second = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisProcess.StartAsync().Within("redis start-up");
        _first = StartSilo();
        await _first.WaitReadyAsync();
        _second = StartSilo();
        await _second.WaitReadyAsync();
        await Guard.Until(
            async () => await ActiveSilosAsync(_first) == 2 && await ActiveSilosAsync(_second) == 2,
            "membership: both silos see two",
            TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task StreamOnOneSilo_SubscribedAndWrittenThroughTheOther_ReceivesTheEvents()
    {
        await using var stream = await RealtimeStream.OpenAsync(_second.Http);
        var subscribed = await stream.SubscribeAsync(_first.Http, null, "notes/*");
        Assert.True(subscribed.Status == 204, $"subscribe through the other silo: {subscribed}");

        // Written through the first silo; the change feed may run on either.
        var created = await Exchange.SendAsync(
            _first.Http, HttpMethod.Post, "/api/collections/notes/records", json: """{"title":"Across silos"}""");
        Assert.True(created.Status == 200, $"create through the first silo: {created}");
        var direct = await Exchange.SendAsync(
            fixture.PocketBase.Http, HttpMethod.Post, "/api/collections/notes/records",
            json: """{"title":"Behind Hapta's back"}""");

        var first = await stream.NextEventAsync();
        var second = await stream.NextEventAsync();
        Assert.Equal((string?)created.Json!["id"], (string?)first.Record!["id"]);
        Assert.Equal((string?)direct.Json!["id"], (string?)second.Record!["id"]);
        Assert.Equal("create", first.Action);
        Assert.Equal("create", second.Action);
    }

    private HaptaProcess StartSilo() => HaptaProcess.Start(
    [
        .. HaptaProcess.PocketBaseArguments(fixture.PocketBase),
        .. HaptaProcess.RoomyRateLimits(),
        .. HaptaProcess.SiloPortArguments(),
        $"--Hapta:Cluster:Redis={_redis.ConnectionString}",
        $"--Hapta:Cluster:ClusterId=test-{_redis.Port}",
        $"--Hapta:AdminKey={_adminKey}",
    ]);

    private async Task<int> ActiveSilosAsync(HaptaProcess server)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hapta/admin/cluster");
        request.Headers.Authorization = new("Bearer", _adminKey);
        using var response = await server.Http.SendAsync(request).Within("GET /hapta/admin/cluster");
        var answer = await Answer.ReadAsync(response);
        return answer.Status == 200 ? (answer.Json!["activeSilos"] as JsonArray)?.Count ?? 0 : 0;
    }
}
