using Hapta.PocketBase;

namespace Hapta.Caching.Tests;

/// <summary>
/// One spelling per meaning (DESIGN §6): queries that ask PocketBase the same thing share a key, and queries that
/// ask different things never do. The tables are shared with <see cref="CachePlannerTests"/>, which checks the
/// same pairs through <see cref="CachePlanner.Plan"/>.
/// </summary>
public sealed class CanonicalQueryTests
{
    /// <summary>One parameter written two ways that PocketBase reads alike.</summary>
    public static TheoryData<string, string?, string?> SameMeaning { get; } = new()
    {
        { "page", null, "1" },
        { "page", "", "1" },
        { "page", "01", "1" },
        { "page", "+2", "2" },
        { "perPage", null, "30" },
        { "perPage", "020", "20" },
        { "filter", "  title \t=\n'a'  ", "title = 'a'" },
        { "filter", "title = 'a  b'   &&   rank > 1", "title = 'a  b' && rank > 1" },
        { "filter", "title = \"x  'y\"  && rank > 1", "title = \"x  'y\" && rank > 1" },
        { "filter", "title = 'it\\'s   x'   ", "title = 'it\\'s   x'" },
        { "filter", " \t\n", null },
        { "sort", " -created ,  title ", "-created,title" },
        { "expand", "comments, author", "author,comments" },
        { "expand", "author , author", "author" },
        { "fields", " title ,id,id", "id,title" },
        { "fields", "title, content:excerpt(200,true)", "content:excerpt(200,true),title" },
        { "skipTotal", "", null },
    };

    /// <summary>One parameter written two ways that PocketBase reads differently.</summary>
    public static TheoryData<string, string?, string?> DifferentMeaning { get; } = new()
    {
        { "page", "1", "2" },
        { "perPage", null, "20" },
        { "sort", "-created,title", "title,-created" },
        { "filter", "title = 'a b'", "title = 'a  b'" },
        { "filter", "title = \"a b\"", "title = \"a\tb\"" },
        { "filter", "title = 'a'", "title = 'b'" },
        { "filter", "id = 'x' // note\n|| id != ''", "id = 'x' // note || id != ''" },
        { "filter", "title = 'a\\\\'  x\\\\' ' || id != ''", "title = 'a\\\\' x\\\\' ' || id != ''" },
        { "expand", "author", "author.profile" },
        { "fields", "content:excerpt(200,true)", "content:excerpt(20,true)" },
        { "skipTotal", null, "true" },
    };

    [Fact]
    public void ForList_EmptyQuery_FillsInPocketBaseDefaults()
    {
        var sut = CanonicalQuery.ForList(RecordQuery.Empty);

        Assert.Equal(new RecordQuery { Page = "1", PerPage = "30" }, sut);
    }

    [Theory]
    [MemberData(nameof(SameMeaning))]
    public void ForList_SameMeaningSpelledTwoWays_GivesOneKey(string parameter, string? first, string? second)
    {
        var one = Query(parameter, first);
        var other = Query(parameter, second);

        var oneKey = ListKey(CanonicalQuery.ForList(one));
        var otherKey = ListKey(CanonicalQuery.ForList(other));

        Assert.Equal(oneKey, otherKey);
    }

    [Theory]
    [MemberData(nameof(DifferentMeaning))]
    public void ForList_DifferentMeaning_GivesDifferentKeys(string parameter, string? first, string? second)
    {
        var one = Query(parameter, first);
        var other = Query(parameter, second);

        var oneKey = ListKey(CanonicalQuery.ForList(one));
        var otherKey = ListKey(CanonicalQuery.ForList(other));

        Assert.NotEqual(oneKey, otherKey);
    }

    [Theory]
    [InlineData("page", "007", "7")]
    [InlineData("page", "0", "0")]
    [InlineData("page", "-1", "-1")]
    [InlineData("page", "two", "two")]
    [InlineData("perPage", "0050", "50")]
    [InlineData("filter", "\n rank >  1\t&&\tflag = true ", "rank > 1 && flag = true")]
    [InlineData("filter", "title = ' x  y '", "title = ' x  y '")]
    [InlineData("filter", "  title  = 'open", "  title  = 'open")]
    [InlineData("sort", " -created ,  title", "-created,title")]
    [InlineData("sort", "title,-created,title", "title,-created,title")]
    [InlineData("expand", "comments , author,comments", "author,comments")]
    [InlineData("expand", "author,,comments", "author,,comments")]
    [InlineData("fields", "title,content:excerpt(200,true)", "content:excerpt(200,true),title")]
    [InlineData("fields", "title,content:excerpt(200, true) ", "content:excerpt(200, true),title")]
    [InlineData("fields", "title,content:excerpt(200,true", "title,content:excerpt(200,true")]
    [InlineData("skipTotal", "true", "true")]
    public void ForList_OneParameter_SpellsItCanonically(string parameter, string value, string expected)
    {
        var sut = CanonicalQuery.ForList(Query(parameter, value));

        Assert.Equal(expected, Value(sut, parameter));
    }

    [Fact]
    public void ForView_ListParameters_KeepsOnlyExpandAndFields()
    {
        var query = new RecordQuery
        {
            Page = "2",
            PerPage = "5",
            Sort = "-created",
            Filter = "rank > 1",
            Expand = " comments,author ",
            Fields = "title,id",
            SkipTotal = "true",
        };

        var sut = CanonicalQuery.ForView(query);

        Assert.Equal(new RecordQuery { Expand = "author,comments", Fields = "id,title" }, sut);
    }

    [Fact]
    public void ForView_NeitherExpandNorFields_ReturnsTheEmptyQuery()
    {
        var query = new RecordQuery { Page = "3", Filter = "rank > 1", Expand = " " };

        var sut = CanonicalQuery.ForView(query);

        Assert.Same(RecordQuery.Empty, sut);
    }

    [Fact]
    public void KeyOf_PublicListWithSortAndPerPage_ReadsAsCollectionOperationScopeAndQuery()
    {
        var canonical = CanonicalQuery.ForList(new RecordQuery { Sort = "-created", PerPage = "20" });

        var key = ListKey(canonical);

        Assert.Equal("posts/list/public?page=1&perPage=20&sort=-created", key);
    }

    [Fact]
    public void KeyOf_EveryParameter_NamesThemInOrderAndEscapesValues()
    {
        var canonical = CanonicalQuery.ForList(new RecordQuery
        {
            Sort = "-created,title",
            SkipTotal = "true",
            PerPage = "20",
            Page = "2",
            Filter = "title = 'a b'",
            Fields = "title,id",
            Expand = "author",
        });

        var key = CachePlanner.KeyOf("posts", CacheOperation.List, CacheScopes.User("users", "u1"), null, canonical);

        Assert.Equal(
            "posts/list/u:users:u1?expand=author&fields=id%2Ctitle&filter=title%20%3D%20%27a%20b%27"
                + "&page=2&perPage=20&skipTotal=true&sort=-created%2Ctitle",
            key);
    }

    [Theory]
    [InlineData(null, "posts/view/shared/rec1")]
    [InlineData("author", "posts/view/shared/rec1?expand=author")]
    public void KeyOf_View_NamesTheRecordAfterTheScope(string? expand, string expected)
    {
        var canonical = CanonicalQuery.ForView(new RecordQuery { Expand = expand, Page = "4" });

        var key = CachePlanner.KeyOf("posts", CacheOperation.View, CacheScopes.Shared, "rec1", canonical);

        Assert.Equal(expected, key);
    }

    /// <summary>A query that sets only <paramref name="parameter"/>, as PocketBase names it.</summary>
    internal static RecordQuery Query(string parameter, string? value) => parameter switch
    {
        "page" => new RecordQuery { Page = value },
        "perPage" => new RecordQuery { PerPage = value },
        "sort" => new RecordQuery { Sort = value },
        "filter" => new RecordQuery { Filter = value },
        "expand" => new RecordQuery { Expand = value },
        "fields" => new RecordQuery { Fields = value },
        "skipTotal" => new RecordQuery { SkipTotal = value },
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Not a records query parameter."),
    };

    private static string? Value(RecordQuery query, string parameter) => parameter switch
    {
        "page" => query.Page,
        "perPage" => query.PerPage,
        "sort" => query.Sort,
        "filter" => query.Filter,
        "expand" => query.Expand,
        "fields" => query.Fields,
        "skipTotal" => query.SkipTotal,
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Not a records query parameter."),
    };

    private static string ListKey(RecordQuery canonical) =>
        CachePlanner.KeyOf("posts", CacheOperation.List, CacheScopes.Public, recordId: null, canonical);
}
