using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;

namespace Hapta.Realtime.Tests;

/// <summary>
/// <c>/api/realtime</c> through Hapta against a real PocketBase (issue #9, points 1 and 3): PocketBase's frames,
/// unguessable client ids, subscriptions owned by the session that set them, and events only for records the
/// client's user may see. Records are written directly in PocketBase, so the events come through the change feed.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RealtimeTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Connect_FirstFrameIsPbConnectWithARandomId()
    {
        await using var first = await RealtimeStream.OpenAsync(fixture.Gateway);
        await using var second = await RealtimeStream.OpenAsync(fixture.Gateway);

        Assert.Equal("text/event-stream", first.ContentType);
        Assert.Equal(40, first.ClientId.Length);
        Assert.True(first.ClientId.All(char.IsAsciiLetterOrDigit), first.ClientId);
        Assert.NotEqual(first.ClientId, second.ClientId);
    }

    [Fact]
    public async Task Subscribed_CreateUpdateDelete_ThreeEventsInPocketBasesFormat()
    {
        await using var stream = await RealtimeStream.OpenAsync(fixture.Gateway);
        var subscribed = await stream.SubscribeAsync(fixture.Gateway, null, "notes/*");
        Assert.True(subscribed.Status == 204, $"subscribe: {subscribed}");

        var created = await NoteAsync(HttpMethod.Post, "", """{"title":"Live note"}""");
        var id = (string)created["id"]!;
        await NoteAsync(HttpMethod.Patch, "/" + id, """{"title":"Live note, edited"}""");
        await NoteAsync(HttpMethod.Delete, "/" + id, null);

        bool Ours(RealtimeFrame frame) => (string?)frame.Record?["id"] == id;
        var events = new[]
        {
            await stream.NextEventAsync(Ours), await stream.NextEventAsync(Ours), await stream.NextEventAsync(Ours),
        };
        Assert.Equal(["create", "update", "delete"], events.Select(static e => e.Action));
        Assert.All(events, e =>
        {
            Assert.Equal("notes/*", e.Event);
            Assert.Equal(stream.ClientId, e.Id);
            Assert.Equal(id, (string?)e.Record!["id"]);
            Assert.Equal("notes", (string?)e.Record["collectionName"]);
        });
        Assert.Equal("Live note, edited", (string?)events[1].Record!["title"]);
    }

    [Fact]
    public async Task PrivatePost_OnlyItsAuthorHearsOfIt_GuestAndOtherUserDoNot()
    {
        var alice = await fixture.SignUpAsync();
        var bob = await fixture.SignUpAsync();
        await using var aliceStream = await RealtimeStream.OpenAsync(fixture.Gateway);
        await using var bobStream = await RealtimeStream.OpenAsync(fixture.Gateway);
        await using var guestStream = await RealtimeStream.OpenAsync(fixture.Gateway);
        Assert.Equal(204, (await aliceStream.SubscribeAsync(fixture.Gateway, alice.HaptaToken, "posts/*")).Status);
        Assert.Equal(204, (await bobStream.SubscribeAsync(fixture.Gateway, bob.HaptaToken, "posts/*")).Status);
        Assert.Equal(204, (await guestStream.SubscribeAsync(fixture.Gateway, null, "posts/*")).Status);

        var secret = await SocialData.CreatePostAsync(fixture.Direct, alice, isPublic: false);
        var open = await SocialData.CreatePostAsync(fixture.Direct, alice, isPublic: true);

        // Events arrive in PocketBase's order, so the first of Alice's posts each stream hears of shows whether it
        // heard of the private one.
        bool Alices(RealtimeFrame frame) => (string?)frame.Record?["author"] == alice.Id;
        Assert.Equal((string?)secret["id"], (string?)(await aliceStream.NextEventAsync(Alices)).Record!["id"]);
        Assert.Equal((string?)open["id"], (string?)(await aliceStream.NextEventAsync(Alices)).Record!["id"]);
        Assert.Equal((string?)open["id"], (string?)(await bobStream.NextEventAsync(Alices)).Record!["id"]);
        Assert.Equal((string?)open["id"], (string?)(await guestStream.NextEventAsync(Alices)).Record!["id"]);
    }

    [Fact]
    public async Task RecordTopic_OnlyThatRecordsEvents_UnderTheViewRule()
    {
        var alice = await fixture.SignUpAsync();
        var watched = await SocialData.CreatePostAsync(fixture.Direct, alice, isPublic: true);
        var other = await SocialData.CreatePostAsync(fixture.Direct, alice, isPublic: true);
        await using var stream = await RealtimeStream.OpenAsync(fixture.Gateway);
        var topic = $"posts/{watched["id"]}";
        Assert.Equal(204, (await stream.SubscribeAsync(fixture.Gateway, null, topic)).Status);

        await UpdatePostAsync(alice, other, "not watched");
        await UpdatePostAsync(alice, watched, "watched");

        var frame = await stream.NextEventAsync();
        Assert.Equal(topic, frame.Event);
        Assert.Equal("watched", (string?)frame.Record!["content"]);
    }

    [Fact]
    public async Task UserRecord_EmailOnlyForItsOwner_AsPocketBaseShowsIt()
    {
        var alice = await fixture.SignUpAsync();
        var bob = await fixture.SignUpAsync();
        await using var aliceStream = await RealtimeStream.OpenAsync(fixture.Gateway);
        await using var bobStream = await RealtimeStream.OpenAsync(fixture.Gateway);
        var topic = $"users/{alice.Id}";
        Assert.Equal(204, (await aliceStream.SubscribeAsync(fixture.Gateway, alice.HaptaToken, topic)).Status);
        Assert.Equal(204, (await bobStream.SubscribeAsync(fixture.Gateway, bob.HaptaToken, topic)).Status);

        var renamed = await Exchange.SendAsync(
            fixture.Direct, HttpMethod.Patch, $"/api/collections/users/records/{alice.Id}", alice.Token,
            """{"name":"Alice Renamed"}""");

        Assert.True(renamed.Status == 200, $"rename: {renamed}");
        var own = (await aliceStream.NextEventAsync()).Record!;
        var seen = (await bobStream.NextEventAsync()).Record!;
        Assert.Equal(alice.Email, (string?)own["email"]);
        Assert.Equal("Alice Renamed", (string?)seen["name"]);
        Assert.False(seen.ContainsKey("email"), $"Bob saw Alice's address: {seen}");
    }

    [Fact]
    public async Task TopicWithExpandOption_RecordExpandedForTheClient()
    {
        var alice = await fixture.SignUpAsync();
        await using var stream = await RealtimeStream.OpenAsync(fixture.Gateway);
        var topic = "posts/*?options=" + Uri.EscapeDataString("""{"query":{"expand":"author"}}""");
        Assert.Equal(204, (await stream.SubscribeAsync(fixture.Gateway, alice.HaptaToken, topic)).Status);

        var post = await SocialData.CreatePostAsync(fixture.Direct, alice, isPublic: true);

        var frame = await stream.NextEventAsync(f => (string?)f.Record?["id"] == (string?)post["id"]);
        Assert.Equal(topic, frame.Event);
        Assert.Equal(alice.Id, (string?)frame.Record!["expand"]?["author"]?["id"]);
    }

    [Fact]
    public async Task Subscriptions_OwnedByTheFirstSession_OthersAndGuests403()
    {
        var alice = await fixture.SignUpAsync();
        var bob = await fixture.SignUpAsync();
        await using var stream = await RealtimeStream.OpenAsync(fixture.Gateway);

        var byGuest = await stream.SubscribeAsync(fixture.Gateway, null, "posts/*");
        var byAlice = await stream.SubscribeAsync(fixture.Gateway, alice.HaptaToken, "posts/*");
        var byAliceAgain = await stream.SubscribeAsync(fixture.Gateway, alice.HaptaToken, "notes/*");
        var byBob = await stream.SubscribeAsync(fixture.Gateway, bob.HaptaToken, "posts/*");
        var byGuestAfter = await stream.SubscribeAsync(fixture.Gateway, null, "posts/*");

        Assert.Equal(204, byGuest.Status); // a guest's client goes to the first session that logs in on it
        Assert.Equal(204, byAlice.Status);
        Assert.Equal(204, byAliceAgain.Status);
        ErrorShape.AssertProblem(byBob, 403);
        ErrorShape.AssertProblem(byGuestAfter, 403);
    }

    [Theory]
    [InlineData("""{"subscriptions":["posts/*"]}""", "clientId")]
    [InlineData("""{"clientId":"","subscriptions":["posts/*"]}""", "clientId")]
    [InlineData("""{"clientId":"x","subscriptions":"posts/*"}""", "subscriptions")]
    [InlineData("""{"clientId":"x","subscriptions":["nosuchcollection/*"]}""", "subscriptions")]
    [InlineData("""{"clientId":"x","subscriptions":["backstage/*"]}""", "subscriptions")]
    [InlineData("""{"clientId":"x","subscriptions":["posts/short"]}""", "subscriptions")]
    [InlineData("""{"clientId":"x","subscriptions":["posts/*?options=notjson"]}""", "subscriptions")]
    [InlineData("""{"clientId":"x","subscriptions":[7]}""", "subscriptions")]
    public async Task Subscribe_MalformedBody_400WithTheField(string body, string field)
    {
        var answer = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Post, "/api/realtime", json: body);

        ErrorShape.AssertProblem(answer, 400);
        Assert.NotNull(answer.Json!["data"]![field]);
    }

    [Fact]
    public async Task Subscribe_UnknownClient_404LikePocketBase()
    {
        var answer = await Exchange.SendAsync(
            fixture.Gateway, HttpMethod.Post, "/api/realtime",
            json: $$"""{"clientId":"{{new string('q', 40)}}","subscriptions":["posts/*"]}""");

        ErrorShape.AssertProblem(answer, 404);
        Assert.Equal("Missing or invalid client id.", (string?)answer.Json!["message"]);
    }

    [Fact]
    public async Task IdleStream_GetsHeartbeatComments()
    {
        await using var hapta = await InProcessHapta.StartAsync(
            fixture.PocketBase, "--Hapta:Realtime:Heartbeat=00:00:01");
        await using var stream = await RealtimeStream.OpenAsync(hapta.Http);

        var frame = await stream.NextAsync(TimeSpan.FromSeconds(20));

        Assert.Null(frame.Event);
        Assert.Equal("heartbeat", frame.Comment);
    }

    private async Task<JsonObject> NoteAsync(HttpMethod method, string suffix, string? json)
    {
        var answer = await Exchange.SendAsync(
            fixture.Direct, method, "/api/collections/notes/records" + suffix, json: json);
        Assert.True(answer.Status is 200 or 204, $"{method} note: {answer}");
        return answer.Json as JsonObject ?? [];
    }

    private async Task UpdatePostAsync(TestUser author, JsonObject post, string content)
    {
        var answer = await Exchange.SendAsync(
            fixture.Direct, HttpMethod.Patch, $"/api/collections/posts/records/{post["id"]}", author.Token,
            new JsonObject { ["content"] = content }.ToJsonString());
        Assert.True(answer.Status == 200, $"update post: {answer}");
    }
}
