using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;

namespace Hapta.Endpoints.Tests;

/// <summary>
/// Every operation of the records API, sent to PocketBase directly and through Hapta, compared field by
/// field (issue #2, point 5). Each test creates its own users and posts under fresh names.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RecordsEndpointsTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("")]
    [InlineData("&page=2&perPage=1&sort=-created")]
    [InlineData("&sort=content,-created&perPage=2")]
    [InlineData("&expand=author&fields=id,content,expand.author.username")]
    [InlineData("&skipTotal=1&fields=id,public")]
    [InlineData("&perPage=500")]
    [InlineData("&page=99")]
    [InlineData("&fields=id,content:excerpt(4,true)")]
    public async Task List_AsGuest_MatchesPocketBase(string extra)
    {
        var (marker, _) = await SeedFeedAsync();
        var path = $"/api/collections/posts/records?filter={Filter(marker)}{extra}";

        var (direct, gateway) = await Exchange.BothAsync(fixture, HttpMethod.Get, path);

        Exchange.AssertSame(direct, gateway);
        Assert.Equal(200, gateway.Status);
    }

    [Fact]
    public async Task List_AsOwner_IncludesPrivatePostsLikePocketBase()
    {
        var (marker, author) = await SeedFeedAsync();
        var path = $"/api/collections/posts/records?filter={Filter(marker)}&sort=created";

        var (direct, gateway) = await Exchange.BothAsync(fixture, HttpMethod.Get, path, author);
        var guest = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Get, path);

        Exchange.AssertSame(direct, gateway);
        Assert.Equal(3, (int)gateway.Json!["totalItems"]!);
        Assert.Equal(2, (int)guest.Json!["totalItems"]!);
    }

    [Fact]
    public async Task List_PerPageOverTheCap_RefusedWherePocketBaseCutsItShortSilently()
    {
        var (marker, _) = await SeedFeedAsync();
        var path = $"/api/collections/posts/records?filter={Filter(marker)}&perPage=1000";

        var (direct, gateway) = await Exchange.BothAsync(fixture, HttpMethod.Get, path);

        Assert.Equal(200, direct.Status);
        Assert.Equal(500, (int)direct.Json!["perPage"]!);
        var body = ErrorShape.AssertProblem(gateway, 400);
        Assert.Equal("validation_max_less_equal_than_required", (string?)body["data"]!["perPage"]!["code"]);
    }

    [Fact]
    public async Task List_SortByUnknownField_NamesTheFieldWherePocketBaseSaysNothing()
    {
        var (direct, gateway) = await Exchange.BothAsync(
            fixture, HttpMethod.Get, "/api/collections/posts/records?sort=-nosuch");

        Assert.Equal(400, direct.Status);
        Assert.Empty(direct.Json!["data"]!.AsObject());
        var body = ErrorShape.AssertProblem(gateway, 400);
        Assert.Equal("posts has no field \"nosuch\".", (string?)body["data"]!["sort"]!["message"]);
    }

    [Fact]
    public async Task List_FilterOnUnknownField_PocketBasesMessage_AndHaptaNamesTheField()
    {
        var (direct, gateway) = await Exchange.BothAsync(
            fixture, HttpMethod.Get, "/api/collections/posts/records?filter=" + Uri.EscapeDataString("nosuch = 1"));

        Assert.Equal(400, direct.Status);
        Assert.Empty(direct.Json!["data"]!.AsObject());
        var body = ErrorShape.AssertProblem(gateway, 400);
        Assert.Equal((string?)direct.Json["message"], (string?)body["message"]);
        Assert.Equal("validation_unknown_field", (string?)body["data"]!["filter"]!["code"]);
    }

    [Theory]
    [InlineData(true, "guest", 200)]
    [InlineData(false, "guest", 404)]
    [InlineData(false, "owner", 200)]
    [InlineData(false, "other", 404)]
    [InlineData(true, "other", 200)]
    public async Task View_ByViewer_MatchesPocketBase(bool isPublic, string viewer, int expected)
    {
        var owner = await fixture.SignUpAsync();
        var other = await fixture.SignUpAsync();
        var post = await SocialData.CreatePostAsync(fixture.Direct, owner, isPublic);
        var user = viewer switch
        {
            "owner" => owner,
            "other" => other,
            _ => null,
        };

        var (direct, gateway) = await Exchange.BothAsync(
            fixture, HttpMethod.Get, $"/api/collections/posts/records/{post["id"]}?expand=author", user);

        Exchange.AssertSame(direct, gateway);
        Assert.Equal(expected, gateway.Status);
    }

    [Fact]
    public async Task View_WithFieldsAndBackRelationExpand_MatchesPocketBase()
    {
        var owner = await fixture.SignUpAsync();
        var post = await SocialData.CreatePostAsync(fixture.Direct, owner, isPublic: true);
        await SocialData.CreateCommentAsync(fixture.Direct, owner, (string)post["id"]!, "first!");
        var path = $"/api/collections/posts/records/{post["id"]}"
            + "?expand=author,comments_via_post.author&fields=id,expand.comments_via_post.content,expand.author.name";

        var (direct, gateway) = await Exchange.BothAsync(fixture, HttpMethod.Get, path);

        Exchange.AssertSame(direct, gateway);
        Assert.Equal("first!", (string?)gateway.Json!["expand"]!["comments_via_post"]![0]!["content"]);
    }

    [Fact]
    public async Task Create_Valid_ReturnsTheRecordPocketBaseStored()
    {
        var author = await fixture.SignUpAsync();
        var content = SocialData.Unique("created through hapta ");
        var body = new JsonObject { ["author"] = author.Id, ["content"] = content, ["public"] = false }.ToJsonString();

        var created = await Exchange.SendAsync(
            fixture.Gateway, HttpMethod.Post, "/api/collections/posts/records", author.HaptaToken, body);
        var stored = await Exchange.SendAsync(
            fixture.Direct, HttpMethod.Get, $"/api/collections/posts/records/{created.Json?["id"]}", author.Token);

        Assert.Equal(200, created.Status);
        Assert.Equal(content, (string?)created.Json!["content"]);
        Exchange.AssertSame(stored, created);
    }

    [Fact]
    public async Task Create_WithExpandAndFields_ShapesTheAnswerLikePocketBase()
    {
        var author = await fixture.SignUpAsync();
        var body = new JsonObject { ["author"] = author.Id, ["content"] = "shaped", ["public"] = true }.ToJsonString();

        var created = await Exchange.SendAsync(
            fixture.Gateway,
            HttpMethod.Post,
            "/api/collections/posts/records?expand=author&fields=content,expand.author.username",
            author.HaptaToken,
            body);

        Assert.Equal(200, created.Status);
        var expected = new JsonObject
        {
            ["content"] = "shaped",
            ["expand"] = new JsonObject { ["author"] = new JsonObject { ["username"] = author.Username } },
        };
        Assert.True(JsonNode.DeepEquals(expected, created.Json), created.Text);
    }

    [Theory]
    [InlineData("""{"title":"x","rank":1000,"contact":"not-an-email"}""")]
    [InlineData("""{"rank":"7"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"title":"fine title","id":"short"}""")]
    public async Task Create_InvalidFields_SameFieldErrorsAsPocketBase(string body)
    {
        var (direct, gateway) = await Exchange.BothAsync(
            fixture, HttpMethod.Post, "/api/collections/notes/records", json: body);

        Exchange.AssertSame(direct, gateway);
        Assert.Equal(400, gateway.Status);
    }

    [Fact]
    public async Task Create_NumberThatIsNoNumber_HaptaRefuses_WherePocketBaseWouldStoreZero()
    {
        const string Body = """{"title":"a fine title","rank":"seven"}""";

        var gateway = await Exchange.SendAsync(
            fixture.Gateway, HttpMethod.Post, "/api/collections/notes/records", json: Body);

        ErrorShape.AssertProblem(gateway, 400);
        Assert.Equal("Failed to create record.", (string?)gateway.Json!["message"]);
        Assert.Equal("hapta_invalid_type", (string?)gateway.Json["data"]!["rank"]!["code"]);
        Assert.Null(gateway.Json["data"]!["title"]);
    }

    [Fact]
    public async Task Create_AsGuestOrAsSomeoneElse_RefusedLikePocketBase()
    {
        var alice = await fixture.SignUpAsync();
        var bob = await fixture.SignUpAsync();
        var asAlice = new JsonObject { ["author"] = alice.Id, ["content"] = "not mine", ["public"] = true }
            .ToJsonString();

        var (guestDirect, guestGateway) = await Exchange.BothAsync(
            fixture, HttpMethod.Post, "/api/collections/posts/records", json: asAlice);
        var (bobDirect, bobGateway) = await Exchange.BothAsync(
            fixture, HttpMethod.Post, "/api/collections/posts/records", bob, asAlice);

        Exchange.AssertSame(guestDirect, guestGateway);
        Exchange.AssertSame(bobDirect, bobGateway);
        Assert.Equal(400, guestGateway.Status);
        Assert.Equal(400, bobGateway.Status);
    }

    [Fact]
    public async Task Update_Own_StoresAndReturnsWhatPocketBaseHas()
    {
        var author = await fixture.SignUpAsync();
        var post = await SocialData.CreatePostAsync(fixture.Direct, author, isPublic: true);
        var path = $"/api/collections/posts/records/{post["id"]}";

        var updated = await Exchange.SendAsync(
            fixture.Gateway, HttpMethod.Patch, path, author.HaptaToken, """{"content":"edited through hapta"}""");
        var stored = await Exchange.SendAsync(fixture.Direct, HttpMethod.Get, path);

        Assert.Equal(200, updated.Status);
        Assert.Equal("edited through hapta", (string?)stored.Json!["content"]);
        Exchange.AssertSame(stored, updated);
    }

    [Fact]
    public async Task Update_SomeoneElsesPost_NotFoundLikePocketBase()
    {
        var author = await fixture.SignUpAsync();
        var intruder = await fixture.SignUpAsync();
        var post = await SocialData.CreatePostAsync(fixture.Direct, author, isPublic: true);
        var path = $"/api/collections/posts/records/{post["id"]}";

        var (direct, gateway) = await Exchange.BothAsync(
            fixture, HttpMethod.Patch, path, intruder, """{"content":"defaced"}""");
        var stored = await Exchange.SendAsync(fixture.Direct, HttpMethod.Get, path);

        Exchange.AssertSame(direct, gateway);
        Assert.Equal(404, gateway.Status);
        Assert.Equal(post["content"]!.ToString(), (string?)stored.Json!["content"]);
    }

    [Fact]
    public async Task Delete_SomeoneElsesPost_NotFoundLikePocketBase()
    {
        var author = await fixture.SignUpAsync();
        var intruder = await fixture.SignUpAsync();
        var post = await SocialData.CreatePostAsync(fixture.Direct, author, isPublic: true);
        var path = $"/api/collections/posts/records/{post["id"]}";

        var (direct, gateway) = await Exchange.BothAsync(fixture, HttpMethod.Delete, path, intruder);
        var stored = await Exchange.SendAsync(fixture.Direct, HttpMethod.Get, path);

        Exchange.AssertSame(direct, gateway);
        Assert.Equal(404, gateway.Status);
        Assert.Equal(200, stored.Status);
    }

    [Fact]
    public async Task Delete_Own_NoContentAndGone()
    {
        var author = await fixture.SignUpAsync();
        var post = await SocialData.CreatePostAsync(fixture.Direct, author, isPublic: true);
        var path = $"/api/collections/posts/records/{post["id"]}";

        var deleted = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Delete, path, author.HaptaToken);
        var (direct, gateway) = await Exchange.BothAsync(fixture, HttpMethod.Get, path, author);

        Assert.Equal(204, deleted.Status);
        Assert.Equal("", deleted.Text);
        Exchange.AssertSame(direct, gateway);
        Assert.Equal(404, gateway.Status);
    }

    [Theory]
    [InlineData("GET", "/api/collections/vault/records")]
    [InlineData("GET", "/api/collections/vault/records/abcdefghijklmno")]
    [InlineData("POST", "/api/collections/vault/records")]
    public async Task AdminOnlyCollection_ForbiddenLikePocketBase(string method, string path)
    {
        var user = await fixture.SignUpAsync();
        var body = method == "POST" ? """{"secret":"x"}""" : null;

        var (direct, gateway) = await Exchange.BothAsync(fixture, new HttpMethod(method), path, user, body);

        Exchange.AssertSame(direct, gateway);
        Assert.Equal(403, gateway.Status);
    }

    [Fact]
    public async Task CollectionById_SameAsByName()
    {
        var (marker, _) = await SeedFeedAsync();
        var query = $"?filter={Filter(marker)}&sort=created";

        var byName = await Exchange.SendAsync(
            fixture.Gateway, HttpMethod.Get, "/api/collections/posts/records" + query);
        var byId = await Exchange.SendAsync(
            fixture.Gateway, HttpMethod.Get, "/api/collections/hapta_posts_001/records" + query);

        Assert.Equal(200, byId.Status);
        Assert.True(JsonNode.DeepEquals(byName.Json, byId.Json), $"{byName}\n{byId}");
    }

    private static string Filter(string marker) => Uri.EscapeDataString($"content ~ '{marker}'");

    /// <summary>Two public posts and one private post by a fresh author, all carrying a fresh marker.</summary>
    private async Task<(string Marker, TestUser Author)> SeedFeedAsync()
    {
        var marker = SocialData.Unique("feed");
        var author = await fixture.SignUpAsync();
        await SocialData.CreatePostAsync(fixture.Direct, author, isPublic: true, $"{marker} alpha");
        await SocialData.CreatePostAsync(fixture.Direct, author, isPublic: true, $"{marker} beta");
        await SocialData.CreatePostAsync(fixture.Direct, author, isPublic: false, $"{marker} gamma");
        return (marker, author);
    }
}
