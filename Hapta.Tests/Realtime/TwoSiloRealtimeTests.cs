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
    private TwoSilos _silos = null!;

    public async Task InitializeAsync() => _silos = await TwoSilos.StartAsync(fixture.PocketBase);

    public async Task DisposeAsync() => await _silos.DisposeAsync();

    [Fact]
    public async Task StreamOnOneSilo_SubscribedAndWrittenThroughTheOther_ReceivesTheEvents()
    {
        await using var stream = await RealtimeStream.OpenAsync(_silos.Second.Http);
        var subscribed = await stream.SubscribeAsync(_silos.First.Http, null, "notes/*");
        Assert.True(subscribed.Status == 204, $"subscribe through the other silo: {subscribed}");

        // Written through the first silo; the change feed may run on either.
        var created = await Exchange.SendAsync(
            _silos.First.Http, HttpMethod.Post, "/api/collections/notes/records", json: """{"title":"Across silos"}""");
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
}
