using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hapta.Caching.Tests;

/// <summary>
/// The cache in front of a real PocketBase (issue #5): who may see what, read-your-writes, invalidation by the change
/// feed, coalescing counted by PocketBase's own request log, entity tags and purges. Every test makes its own users
/// and posts, and reads under filters or ids nobody else uses, so no test sees another's entries. Posts are created
/// through Hapta: one created directly would be announced by the change feed a few milliseconds later, at a moment
/// the test does not control.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class CacheGatewayTests(GatewayFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task View_PrivatePost_OneSharedEntryServesItsOwnerOnly()
    {
        var alice = await fixture.SignUpAsync();
        var bob = await fixture.SignUpAsync();
        var post = await CreatePostAsync(alice, isPublic: false);
        var path = $"/api/collections/posts/records/{post["id"]}";

        var first = await GetAsync(path, alice.HaptaToken);
        var byBob = await GetAsync(path, bob.HaptaToken);
        var byGuest = await GetAsync(path);
        var again = await GetAsync(path, alice.HaptaToken);
        var direct = await Exchange.SendAsync(fixture.Direct, HttpMethod.Get, path, alice.Token);

        Assert.Equal((200, "miss"), (first.Status, first.Cache));
        Assert.Equal((404, "hit"), (byBob.Status, byBob.Cache));
        Assert.Equal((404, "hit"), (byGuest.Status, byGuest.Cache));
        Assert.Equal((200, "hit"), (again.Status, again.Cache));
        Assert.True(JsonNode.DeepEquals(direct.Json, again.Json), $"{direct}\n{again.Text}");
        Assert.DoesNotContain((string)post["content"]!, byBob.Text, StringComparison.Ordinal);
        Assert.Equal("The requested resource wasn't found.", (string?)byGuest.Json!["message"]);
    }

    [Fact]
    public async Task List_UnderARequesterRule_EachUserHasTheirOwnEntry()
    {
        var marker = SocialData.Unique("scope");
        var alice = await fixture.SignUpAsync();
        var bob = await fixture.SignUpAsync();
        var alicePrivate = await CreatePostAsync(alice, isPublic: false, marker + " alice");
        var bobPrivate = await CreatePostAsync(bob, isPublic: false, marker + " bob");
        var path = $"/api/collections/posts/records?filter={Uri.EscapeDataString($"content ~ '{marker}'")}";

        var asAlice = await GetAsync(path, alice.HaptaToken);
        var asBob = await GetAsync(path, bob.HaptaToken);
        var asGuest = await GetAsync(path);
        var asAliceAgain = await GetAsync(path, alice.HaptaToken);
        var asBobAgain = await GetAsync(path, bob.HaptaToken);

        Assert.Equal([(string)alicePrivate["id"]!], Ids(asAlice));
        Assert.Equal([(string)bobPrivate["id"]!], Ids(asBob));
        Assert.Empty(Ids(asGuest));
        Assert.Equal(("miss", "miss", "miss"), (asAlice.Cache, asBob.Cache, asGuest.Cache));
        Assert.Equal(("hit", "hit"), (asAliceAgain.Cache, asBobAgain.Cache));
        Assert.Equal(Ids(asAlice), Ids(asAliceAgain));
        Assert.Equal(Ids(asBob), Ids(asBobAgain));
    }

    [Fact]
    public async Task WritesThroughHapta_NextReadsReflectThem()
    {
        var marker = SocialData.Unique("ryw");
        var alice = await fixture.SignUpAsync();
        var post = await CreatePostAsync(alice, isPublic: true, marker + " before");
        var view = $"/api/collections/posts/records/{post["id"]}";
        var list = $"/api/collections/posts/records?filter={Uri.EscapeDataString($"content ~ '{marker}'")}";
        await GetAsync(view);
        await GetAsync(list);
        var cachedView = await GetAsync(view);

        var updated = await Exchange.SendAsync(
            fixture.Gateway, HttpMethod.Patch, view, alice.HaptaToken, $$"""{"content":"{{marker}} after"}""");
        var viewAfterUpdate = await GetAsync(view);
        var listAfterUpdate = await GetAsync(list);
        var created = await Exchange.SendAsync(
            fixture.Gateway, HttpMethod.Post, "/api/collections/posts/records", alice.HaptaToken,
            $$"""{"author":"{{alice.Id}}","content":"{{marker}} second","public":true}""");
        var listAfterCreate = await GetAsync(list);
        var deleted = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Delete, view, alice.HaptaToken);
        var viewAfterDelete = await GetAsync(view);
        var listAfterDelete = await GetAsync(list);

        Assert.Equal("hit", cachedView.Cache);
        Assert.Equal((200, 200, 204), (updated.Status, created.Status, deleted.Status));
        Assert.Equal(marker + " after", (string?)viewAfterUpdate.Json!["content"]);
        Assert.Equal([marker + " after"], Contents(listAfterUpdate));
        Assert.Equal([marker + " after", marker + " second"], Contents(listAfterCreate).Order().ToArray());
        Assert.Equal(404, viewAfterDelete.Status);
        Assert.Equal([marker + " second"], Contents(listAfterDelete));
    }

    [Fact]
    public async Task UpdateThroughHapta_ListsThatCannotChange_StayCached()
    {
        var marker = SocialData.Unique("keep");
        var alice = await fixture.SignUpAsync();
        var other = await CreatePostAsync(alice, isPublic: true, marker + " other");
        var edited = await CreatePostAsync(alice, isPublic: true, marker + " edited");
        var rising = await CreatePostAsync(alice, isPublic: true, marker + " rising");
        var otherList = ListPath($"content ~ '{marker} other'");
        var editedList = ListPath($"content ~ '{marker} edited'");
        var popularList = ListPath($"content ~ '{marker}' && likesCount >= 5");
        foreach (var path in new[] { otherList, editedList, popularList })
        {
            await GetAsync(path);
        }

        var likeEdited = await Exchange.SendAsync(
            fixture.Gateway, HttpMethod.Patch, $"/api/collections/posts/records/{edited["id"]}", alice.HaptaToken,
            """{"likesCount":3}""");
        var likeRising = await Exchange.SendAsync(
            fixture.Gateway, HttpMethod.Patch, $"/api/collections/posts/records/{rising["id"]}", alice.HaptaToken,
            """{"likesCount":7}""");
        var otherAfter = await GetAsync(otherList);
        var editedAfter = await GetAsync(editedList);
        var popularAfter = await GetAsync(popularList);

        Assert.Equal((200, 200), (likeEdited.Status, likeRising.Status));
        Assert.Equal("hit", otherAfter.Cache);
        Assert.Equal([(string)other["id"]!], Ids(otherAfter));
        Assert.Equal("miss", editedAfter.Cache);
        Assert.Equal(3, (int)editedAfter.Json!["items"]![0]!["likesCount"]!);
        Assert.Equal("miss", popularAfter.Cache);
        Assert.Equal([(string)rising["id"]!], Ids(popularAfter));
    }

    [Fact]
    public async Task WriteThatBypassesHapta_InvalidatedByTheChangeFeed()
    {
        var alice = await fixture.SignUpAsync();
        var post = await CreatePostAsync(alice, isPublic: true, "before the admin edit");
        var view = $"/api/collections/posts/records/{post["id"]}";
        await GetAsync(view);
        var cached = await GetAsync(view);
        var admin = await fixture.PocketBase.CachedAdminTokenAsync();

        var clock = Stopwatch.StartNew();
        await Exchange.SendAsync(
            fixture.Direct, HttpMethod.Patch, view, admin, """{"content":"after the admin edit"}""");
        Reply? seen = null;
        await Guard.Until(
            async () => (string?)(seen = await GetAsync(view)).Json!["content"] == "after the admin edit",
            "change feed: the admin's edit reaches the cache",
            TimeSpan.FromSeconds(15));
        output.WriteLine($"the edit was served through Hapta {clock.ElapsedMilliseconds} ms after PocketBase took it");

        Assert.Equal("hit", cached.Cache);
        Assert.Equal("miss", seen!.Cache);
    }

    [Fact]
    public async Task ConcurrentMisses_OneRequestReachesPocketBase()
    {
        var marker = SocialData.Unique("herd");
        var sentinel = SocialData.Unique("sentinel");
        var path = $"/api/collections/posts/records?filter={Uri.EscapeDataString($"content ~ '{marker}'")}";

        var replies = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => GetAsync(path)));
        await GetAsync($"/api/collections/posts/records?filter={Uri.EscapeDataString($"id = '{sentinel}'")}");
        await PocketBaseLog.WaitForAsync(fixture.PocketBase, sentinel);

        Assert.All(replies, static r => Assert.Equal(200, r.Status));
        Assert.Equal(1, replies.Count(static r => r.Cache == "miss"));
        Assert.Equal(1, await PocketBaseLog.CountAsync(fixture.PocketBase, marker));
    }

    [Fact]
    public async Task IfNoneMatch_WithTheEntitysTag_NotModified()
    {
        var alice = await fixture.SignUpAsync();
        var post = await CreatePostAsync(alice, isPublic: true);
        var path = $"/api/collections/posts/records/{post["id"]}";

        var first = await GetAsync(path);
        var same = await GetAsync(path, ifNoneMatch: first.ETag);
        var other = await GetAsync(path, ifNoneMatch: "\"not-this-one\"");

        Assert.NotNull(first.ETag);
        Assert.Equal(304, same.Status);
        Assert.Equal("", same.Text);
        Assert.Equal(200, other.Status);
        Assert.Equal(first.ETag, other.ETag);
    }

    [Fact]
    public async Task AdminPurgesACollection_NextReadIsAMiss()
    {
        var alice = await fixture.SignUpAsync();
        var post = await CreatePostAsync(alice, isPublic: true);
        var path = $"/api/collections/posts/records/{post["id"]}";
        await GetAsync(path);
        var cached = await GetAsync(path);

        using var purge = new HttpRequestMessage(HttpMethod.Delete, "/hapta/admin/cache/collections/posts");
        purge.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.AdminKey);
        using var purged = await fixture.Gateway.SendAsync(purge).Within("purge posts");
        var after = await GetAsync(path);
        using var report = new HttpRequestMessage(HttpMethod.Get, "/hapta/admin/cache?top=5");
        report.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.AdminKey);
        using var reported = await fixture.Gateway.SendAsync(report).Within("cache report");
        var body = (await reported.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal("hit", cached.Cache);
        Assert.Equal(HttpStatusCode.NoContent, purged.StatusCode);
        Assert.Equal("miss", after.Cache);
        Assert.True((long)body["hits"]! >= 1, body.ToJsonString());
        Assert.True((long)body["entries"]! >= 1, body.ToJsonString());
        Assert.NotEmpty(body["hotKeys"]!.AsArray());
    }

    /// <summary>
    /// Creates a post through Hapta, so that the write is announced before the test reads, and the change feed's
    /// echo of it is recognised and dropped instead of ending entries the test has just filled.
    /// </summary>
    private async Task<JsonObject> CreatePostAsync(TestUser author, bool isPublic, string? content = null)
    {
        var body = new JsonObject
        {
            ["author"] = author.Id,
            ["content"] = content ?? SocialData.Unique("post "),
            ["public"] = isPublic,
        };
        var created = await Exchange.SendAsync(
            fixture.Gateway, HttpMethod.Post, "/api/collections/posts/records", author.HaptaToken, body.ToJsonString());
        Assert.True(created.Status == 200, created.ToString());
        return (JsonObject)created.Json!;
    }

    private async Task<Reply> GetAsync(string path, string? token = null, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        using var response = await fixture.Gateway.SendAsync(request).Within("GET " + path);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(
            (int)response.StatusCode,
            response.Headers.TryGetValues("X-Hapta-Cache", out var cache) ? cache.Single() : null,
            response.Headers.ETag?.ToString(),
            text,
            text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    private static string ListPath(string filter) =>
        $"/api/collections/posts/records?filter={Uri.EscapeDataString(filter)}";

    private static string[] Ids(Reply reply) =>
        [.. reply.Json!["items"]!.AsArray().Select(static i => (string)i!["id"]!)];

    private static string[] Contents(Reply reply) =>
        [.. reply.Json!["items"]!.AsArray().Select(static i => (string)i!["content"]!)];

    private sealed record Reply(int Status, string? Cache, string? ETag, string Text, JsonNode? Json);
}
