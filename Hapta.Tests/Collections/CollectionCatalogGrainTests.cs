using System.Net;
using System.Text.Json;
using Hapta.PocketBase;
using Hapta.PocketBase.Tests;
using Hapta.Testing;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace Hapta.Collections.Tests;

public sealed class CollectionCatalogGrainTests(CatalogClusterFixture fixture) : IClassFixture<CatalogClusterFixture>
{
    private static readonly CollectionModel Posts = new()
    {
        Id = "pbc_posts000001",
        Name = "posts",
        Type = "base",
        ListRule = "",
        ViewRule = "",
        CreateRule = "@request.auth.id != ''",
        UpdateRule = "author = @request.auth.id",
        DeleteRule = null,
        Schema =
        [
            new SchemaFieldModel
            {
                Id = "f1",
                Name = "title",
                Type = "text",
                Required = true,
                Options = Json("""{"min":1,"max":200}"""),
            },
            new SchemaFieldModel { Id = "f2", Name = "body", Type = "editor" },
        ],
    };

    private static readonly CollectionModel Users = new()
    {
        Id = "_pb_users_auth_",
        Name = "users",
        Type = "auth",
        System = false,
        ListRule = "id = @request.auth.id",
        ViewRule = "id = @request.auth.id",
        CreateRule = "",
        UpdateRule = "id = @request.auth.id",
        DeleteRule = "id = @request.auth.id",
    };

    [Fact]
    public async Task GetAsync_FirstCall_ReadsPocketBaseWithTheAdminToken()
    {
        var sut = await CreateSutAsync([Posts, Users]);
        var now = fixture.Time.GetUtcNow();

        var catalog = await sut.GetAsync(CancellationToken.None).Guarded("catalog: first read");

        Assert.Equal([new ListCollectionsCall("admin-token-1", 1, 200)], fixture.PocketBase.CollectionReads);
        Assert.Equal(1, catalog.Version);
        Assert.Equal(now, catalog.FetchedAt);
        AssertSameJson(
            new[]
            {
                new CollectionInfo
                {
                    Id = "pbc_posts000001",
                    Name = "posts",
                    Type = "base",
                    ListRule = "",
                    ViewRule = "",
                    CreateRule = "@request.auth.id != ''",
                    UpdateRule = "author = @request.auth.id",
                    DeleteRule = null,
                    Fields =
                    [
                        new FieldInfo
                        {
                            Name = "title",
                            Type = "text",
                            Required = true,
                            OptionsJson = """{"min":1,"max":200}""",
                        },
                        new FieldInfo { Name = "body", Type = "editor", Required = false, OptionsJson = "{}" },
                    ],
                },
                new CollectionInfo
                {
                    Id = "_pb_users_auth_",
                    Name = "users",
                    Type = "auth",
                    ListRule = "id = @request.auth.id",
                    ViewRule = "id = @request.auth.id",
                    CreateRule = "",
                    UpdateRule = "id = @request.auth.id",
                    DeleteRule = "id = @request.auth.id",
                },
            },
            catalog.Collections);
    }

    [Fact]
    public async Task GetAsync_WithinMaxAge_ServesTheSnapshotWithoutReading()
    {
        var sut = await CreateSutAsync([Posts]);
        var first = await sut.GetAsync(CancellationToken.None).Guarded("catalog: first read");
        fixture.Time.Advance(CatalogClusterFixture.MaxAge - TimeSpan.FromTicks(1));

        var second = await sut.GetAsync(CancellationToken.None).Guarded("catalog: read within max age");

        Assert.Single(fixture.PocketBase.CollectionReads);
        Assert.Equal(first.Version, second.Version);
        Assert.Equal(first.FetchedAt, second.FetchedAt);
    }

    [Fact]
    public async Task GetAsync_AtMaxAge_ReadsAgainAndKeepsVersionWhenNothingChanged()
    {
        var sut = await CreateSutAsync([Posts]);
        await sut.GetAsync(CancellationToken.None).Guarded("catalog: first read");
        fixture.Time.Advance(CatalogClusterFixture.MaxAge);
        var now = fixture.Time.GetUtcNow();

        var second = await sut.GetAsync(CancellationToken.None).Guarded("catalog: read at max age");

        Assert.Equal(2, fixture.PocketBase.CollectionReads.Count);
        Assert.Equal(1, second.Version);
        Assert.Equal(now, second.FetchedAt);
    }

    [Fact]
    public async Task GetAsync_PastMaxAgeWithChangedContent_IncrementsVersion()
    {
        var sut = await CreateSutAsync([Posts]);
        await sut.GetAsync(CancellationToken.None).Guarded("catalog: first read");
        AnswerWith([Posts, Users]);
        fixture.Time.Advance(CatalogClusterFixture.MaxAge + TimeSpan.FromSeconds(1));

        var second = await sut.GetAsync(CancellationToken.None).Guarded("catalog: read after a change");

        Assert.Equal(2, second.Version);
        Assert.Equal(["posts", "users"], second.Collections.Select(static c => c.Name));
    }

    [Fact]
    public async Task RefreshAsync_RepeatedWithoutChange_KeepsVersionAndGrowsOnlyOnChange()
    {
        var sut = await CreateSutAsync([Posts]);

        var first = await sut.RefreshAsync(CancellationToken.None).Guarded("catalog: first refresh");
        var unchanged = await sut.RefreshAsync(CancellationToken.None).Guarded("catalog: refresh without change");
        AnswerWith([Posts with { Schema = [.. Posts.Schema, new SchemaFieldModel { Name = "tags", Type = "json" }] }]);
        var changed = await sut.RefreshAsync(CancellationToken.None).Guarded("catalog: refresh after a change");
        var again = await sut.RefreshAsync(CancellationToken.None).Guarded("catalog: refresh after the change");

        Assert.Equal([1L, 1L, 2L, 2L], [first.Version, unchanged.Version, changed.Version, again.Version]);
        Assert.Equal(4, fixture.PocketBase.CollectionReads.Count);
    }

    [Fact]
    public async Task RefreshAsync_RuleChangesFromNullToEmpty_IncrementsVersion()
    {
        var sut = await CreateSutAsync([Posts with { DeleteRule = null }]);
        await sut.RefreshAsync(CancellationToken.None).Guarded("catalog: first refresh");
        AnswerWith([Posts with { DeleteRule = "" }]);

        var changed = await sut.RefreshAsync(CancellationToken.None).Guarded("catalog: refresh after the rule change");

        Assert.Equal(2, changed.Version);
        Assert.Equal("", Assert.Single(changed.Collections).DeleteRule);
    }

    [Fact]
    public async Task GetAsync_NullAndEmptyRules_ArePreservedApart()
    {
        var sut = await CreateSutAsync(
        [
            new CollectionModel
            {
                Id = "pbc_rules000001",
                Name = "rules",
                Type = "base",
                ListRule = null,
                ViewRule = "",
                CreateRule = null,
                UpdateRule = "",
                DeleteRule = "@request.auth.id = ''",
            },
        ]);

        var catalog = await sut.GetAsync(CancellationToken.None).Guarded("catalog: read rules");

        var rules = Assert.Single(catalog.Collections);
        Assert.Null(rules.ListRule);
        Assert.Equal("", rules.ViewRule);
        Assert.Null(rules.CreateRule);
        Assert.Equal("", rules.UpdateRule);
        Assert.Equal("@request.auth.id = ''", rules.DeleteRule);
    }

    [Fact]
    public async Task RefreshAsync_SeveralPages_ReadsEveryPageInOrder()
    {
        var sut = await CreateSutAsync(
            [Named("a1"), Named("a2")],
            [Named("b1"), Named("b2")],
            [Named("c1")]);

        var catalog = await sut.RefreshAsync(CancellationToken.None).Guarded("catalog: read three pages");

        Assert.Equal([1, 2, 3], fixture.PocketBase.CollectionReads.Select(static r => r.Page));
        Assert.Equal(["a1", "a2", "b1", "b2", "c1"], catalog.Collections.Select(static c => c.Name));
        Assert.Equal(1, catalog.Version);
    }

    [Fact]
    public async Task RefreshAsync_EmptyPageBeforeTheLast_StopsReading()
    {
        var sut = await CreateSutAsync([Named("a1")], [], [Named("c1")]);

        var catalog = await sut.RefreshAsync(CancellationToken.None).Guarded("catalog: read up to an empty page");

        Assert.Equal([1, 2], fixture.PocketBase.CollectionReads.Select(static r => r.Page));
        Assert.Equal(["a1"], catalog.Collections.Select(static c => c.Name));
    }

    [Theory]
    [InlineData(Failure.Status500)]
    [InlineData(Failure.Transport)]
    [InlineData(Failure.AttemptTimeout)]
    [InlineData(Failure.OpenCircuit)]
    [InlineData(Failure.AdminLogin)]
    public async Task GetAsync_PocketBaseFails_KeepsTheLastGoodSnapshot(Failure failure)
    {
        var sut = await CreateSutAsync([Posts, Users]);
        var good = await sut.GetAsync(CancellationToken.None).Guarded("catalog: good read");
        Fail(failure);
        fixture.Time.Advance(CatalogClusterFixture.MaxAge);

        var kept = await sut.GetAsync(CancellationToken.None).Guarded($"catalog: read while failing ({failure})");

        Assert.Equal(good.Version, kept.Version);
        Assert.Equal(good.FetchedAt, kept.FetchedAt);
        AssertSameJson(good.Collections, kept.Collections);
    }

    [Fact]
    public async Task GetAsync_PocketBaseDownFromTheStart_ReturnsTheEmptyCatalog()
    {
        var sut = await CreateSutAsync();
        Fail(Failure.Transport);

        var catalog = await sut.GetAsync(CancellationToken.None).Guarded("catalog: read while down");

        Assert.Equal(0, catalog.Version);
        Assert.Empty(catalog.Collections);
    }

    [Fact]
    public async Task GetAsync_RightAfterAFailedRead_ServesTheLastSnapshotWithoutAsking()
    {
        var sut = await CreateSutAsync();
        Fail(Failure.Transport);
        await sut.GetAsync(CancellationToken.None).Guarded("catalog: read while down");
        AnswerWith([Posts]);
        fixture.Time.Advance(CatalogClusterFixture.MaxAge - TimeSpan.FromTicks(1));

        var catalog = await sut.GetAsync(CancellationToken.None).Guarded("catalog: read during back-off");

        Assert.Single(fixture.PocketBase.CollectionReads);
        Assert.Equal(0, catalog.Version);
    }

    [Fact]
    public async Task GetAsync_MaxAgeAfterAFailedRead_ReadsAgain()
    {
        var sut = await CreateSutAsync();
        Fail(Failure.Transport);
        await sut.GetAsync(CancellationToken.None).Guarded("catalog: read while down");
        AnswerWith([Posts]);
        fixture.Time.Advance(CatalogClusterFixture.MaxAge);

        var catalog = await sut.GetAsync(CancellationToken.None).Guarded("catalog: read after recovery");

        Assert.Equal(2, fixture.PocketBase.CollectionReads.Count);
        Assert.Equal(1, catalog.Version);
        Assert.Equal(["posts"], catalog.Collections.Select(static c => c.Name));
    }

    [Fact]
    public async Task RefreshAsync_AdminTokenRefused_RejectsItAndUsesTheNextOne()
    {
        var sut = await CreateSutAsync([Posts]);
        fixture.PocketBase.OnListCollections = static call => call.AdminToken == "admin-token-1"
            ? FakePocketBaseApi.Error<CollectionPage>(HttpStatusCode.Unauthorized)
            : FakePocketBaseApi.Ok(new CollectionPage { Page = 1, TotalPages = 1, Items = [Posts] });

        var refused = await sut.RefreshAsync(CancellationToken.None).Guarded("catalog: refresh with a refused token");
        var retried = await sut.RefreshAsync(CancellationToken.None).Guarded("catalog: refresh with a new token");

        Assert.Equal(["admin-token-1"], fixture.Admin.Rejected);
        Assert.Equal(0, refused.Version);
        Assert.Equal(1, retried.Version);
        Assert.Equal(
            ["admin-token-1", "admin-token-2"],
            fixture.PocketBase.CollectionReads.Select(static r => r.AdminToken));
    }

    public enum Failure
    {
        Status500,
        Transport,
        AttemptTimeout,
        OpenCircuit,
        AdminLogin,
    }

    /// <summary>A fresh catalog activation; PocketBase serves <paramref name="pages"/>, an array a page.</summary>
    private async Task<ICollectionCatalogGrain> CreateSutAsync(params CollectionModel[][] pages)
    {
        var sut = await fixture.StartTestAsync();
        AnswerWith(pages);
        return sut;
    }

    private void AnswerWith(params CollectionModel[][] pages) =>
        fixture.PocketBase.OnListCollections = call => FakePocketBaseApi.Ok(new CollectionPage
        {
            Page = call.Page,
            TotalPages = pages.Length,
            Items = call.Page <= pages.Length ? [.. pages[call.Page - 1]] : [],
        });

    private void Fail(Failure failure)
    {
        switch (failure)
        {
            case Failure.Status500:
                fixture.PocketBase.OnListCollections = static _ =>
                    FakePocketBaseApi.Error<CollectionPage>(HttpStatusCode.InternalServerError);
                break;
            case Failure.Transport:
                fixture.PocketBase.OnListCollections = static _ =>
                    Task.FromException<IApiResponse<CollectionPage>>(new HttpRequestException("Connection refused"));
                break;
            case Failure.AttemptTimeout:
                fixture.PocketBase.OnListCollections = static _ =>
                    Task.FromException<IApiResponse<CollectionPage>>(new TimeoutRejectedException());
                break;
            case Failure.OpenCircuit:
                fixture.PocketBase.OnListCollections = static _ =>
                    Task.FromException<IApiResponse<CollectionPage>>(new BrokenCircuitException());
                break;
            case Failure.AdminLogin:
                fixture.Admin.Failure = new PocketBaseLoginException("PocketBase refused the admin login.");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(failure), failure, null);
        }
    }

    private static CollectionModel Named(string name) => new() { Id = $"pbc_{name}", Name = name, Type = "base" };

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Deep equality: the records hold immutable arrays, which compare by reference.</summary>
    private static void AssertSameJson(IEnumerable<CollectionInfo> expected, IEnumerable<CollectionInfo> actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
}
