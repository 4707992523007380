using Hapta.Collections;
using Hapta.PocketBase;

namespace Hapta.Caching.Tests;

/// <summary>
/// Which reads are cached, under which key and scope, and what they depend on (DESIGN §6). A wrong scope serves
/// one user's records to another, so the cases that must not share an entry matter most here.
/// </summary>
public sealed class CachePlannerTests
{
    private const string PostsId = "pbc_posts";

    private const string OwnerOrPublic = "public = true || author = @request.auth.id";

    private static readonly (string CollectionId, string Id) Alice = ("_pb_users_auth_", "alice1");

    private const string Bob1 = "bob1";

    private static readonly (string CollectionId, string Id) Bob = ("_pb_users_auth_", Bob1);

    [Theory]
    [MemberData(nameof(CanonicalQueryTests.SameMeaning), MemberType = typeof(CanonicalQueryTests))]
    public void Plan_SameMeaningSpelledTwoWays_SharesOneKey(string parameter, string? first, string? second)
    {
        var sut = CreateSut(query: CanonicalQueryTests.Query(parameter, first));
        var other = CreateSut(query: CanonicalQueryTests.Query(parameter, second));

        Assert.NotNull(sut);
        Assert.Equal(sut.Key, other?.Key);
    }

    [Theory]
    [MemberData(nameof(CanonicalQueryTests.DifferentMeaning), MemberType = typeof(CanonicalQueryTests))]
    public void Plan_DifferentMeaning_GetsDifferentKeys(string parameter, string? first, string? second)
    {
        var sut = CreateSut(query: CanonicalQueryTests.Query(parameter, first));
        var other = CreateSut(query: CanonicalQueryTests.Query(parameter, second));

        Assert.NotEqual(sut?.Key, other?.Key);
    }

    [Fact]
    public void Plan_MessyAndTidySpellingsOfOneQuery_ShareTheReadableKey()
    {
        var messy = new RecordQuery
        {
            Page = "01",
            Sort = " -created , title",
            Filter = "  rank  >\n1 && title != 'a  b' ",
            Expand = "comments,author, comments",
            Fields = " title,content:excerpt(200,true),id",
        };
        var tidy = new RecordQuery
        {
            PerPage = "30",
            Sort = "-created,title",
            Filter = "rank > 1 && title != 'a  b'",
            Expand = "author,comments",
            Fields = "content:excerpt(200,true),id,title",
        };

        var sut = CreateSut(query: messy);
        var other = CreateSut(query: tidy);

        Assert.Equal(
            "posts/list/guest?expand=author%2Ccomments&fields=content%3Aexcerpt%28200%2Ctrue%29%2Cid%2Ctitle"
                + "&filter=rank%20%3E%201%20%26%26%20title%20%21%3D%20%27a%20%20b%27&page=1&perPage=30"
                + "&sort=-created%2Ctitle",
            sut?.Key);
        Assert.Equal(sut?.Key, other?.Key);
    }

    [Fact]
    public void Plan_PublicListWithSortAndPerPage_IsOnePublicEntryOfItsCollection()
    {
        var sut = CreateSut(query: new RecordQuery { Sort = "-created", PerPage = "20" });

        Assert.NotNull(sut);
        Assert.Equal("posts/list/public?page=1&perPage=20&sort=-created", sut.Key);
        Assert.Equal(CacheScopes.Public, sut.Scope);
        Assert.Equal((PostsId, "posts", CacheOperation.List), (sut.CollectionId, sut.Collection, sut.Operation));
        Assert.Null(sut.RecordId);
        Assert.Equal(new RecordQuery { Page = "1", PerPage = "20", Sort = "-created" }, sut.Query);
        Assert.Equal("", sut.Rule);
        Assert.False(sut.DependsOnAll);
        Assert.False(sut.Shared);
    }

    [Fact]
    public void Plan_EmptyListRule_GuestAndUserSharePublicEntry()
    {
        var sut = CreateSut();
        var forAlice = CreateSut(requester: Alice);

        Assert.Equal("posts/list/public?page=1&perPage=30", sut?.Key);
        Assert.Equal((sut?.Key, sut?.Scope), (forAlice?.Key, forAlice?.Scope));
    }

    [Theory]
    [InlineData(null, CacheScopes.Guest, "posts/list/guest?page=1&perPage=30")]
    [InlineData("alice1", "u:_pb_users_auth_:alice1", "posts/list/u:_pb_users_auth_:alice1?page=1&perPage=30")]
    [InlineData(Bob1, "u:_pb_users_auth_:bob1", "posts/list/u:_pb_users_auth_:bob1?page=1&perPage=30")]
    public void Plan_ListUnderRequesterRule_OneEntryForGuestsAndOnePerUser(
        string? userId,
        string expectedScope,
        string expectedKey)
    {
        (string, string)? requester = userId is null ? null : ("_pb_users_auth_", userId);

        var sut = CreateSut(listRule: OwnerOrPublic, requester: requester);

        Assert.Equal(expectedKey, sut?.Key);
        Assert.Equal(expectedScope, sut?.Scope);
        Assert.False(sut?.DependsOnAll);
    }

    [Fact]
    public void Plan_ViewUnderRequesterRuleThatHaptaDecides_IsOneSharedEntryForEveryone()
    {
        var sut = CreateSut(
            viewRule: OwnerOrPublic,
            operation: CacheOperation.View,
            requester: Alice,
            canDecideViewRule: true);
        var forGuest = CreateSut(viewRule: OwnerOrPublic, operation: CacheOperation.View, canDecideViewRule: true);
        var forBob = CreateSut(
            viewRule: OwnerOrPublic,
            operation: CacheOperation.View,
            requester: Bob,
            canDecideViewRule: true);

        Assert.NotNull(sut);
        Assert.Equal("posts/view/shared/rec1", sut.Key);
        Assert.Equal(CacheScopes.Shared, sut.Scope);
        Assert.Equal((PostsId, "posts", CacheOperation.View), (sut.CollectionId, sut.Collection, sut.Operation));
        Assert.Equal("rec1", sut.RecordId);
        Assert.Same(RecordQuery.Empty, sut.Query);
        Assert.Equal(OwnerOrPublic, sut.Rule);
        Assert.False(sut.DependsOnAll);
        Assert.True(sut.Shared);
        Assert.Equal((sut.Key, sut.Scope), (forGuest?.Key, forGuest?.Scope));
        Assert.Equal((sut.Key, sut.Scope), (forBob?.Key, forBob?.Scope));
    }

    [Theory]
    [InlineData(false, null, null, "posts/view/u:_pb_users_auth_:alice1/rec1", false)]
    [InlineData(true, null, "title,id", "posts/view/u:_pb_users_auth_:alice1/rec1?fields=id%2Ctitle", false)]
    [InlineData(true, "author", null, "posts/view/u:_pb_users_auth_:alice1/rec1?expand=author", true)]
    public void Plan_ViewUnderRequesterRuleThatCannotBeShared_IsPerRequester(
        bool canDecideViewRule,
        string? expand,
        string? fields,
        string expectedKey,
        bool expectedDependsOnAll)
    {
        var sut = CreateSut(
            viewRule: OwnerOrPublic,
            operation: CacheOperation.View,
            query: new RecordQuery { Expand = expand, Fields = fields },
            requester: Alice,
            canDecideViewRule: canDecideViewRule);

        Assert.Equal(expectedKey, sut?.Key);
        Assert.Equal(CacheScopes.User("_pb_users_auth_", "alice1"), sut?.Scope);
        Assert.Equal(expectedDependsOnAll, sut?.DependsOnAll);
    }

    [Theory]
    [InlineData("view", "posts/view/guest/rec1", true)]
    [InlineData("auth", "posts/view/guest/rec1", false)]
    public void Plan_ViewOfNonBaseCollectionUnderRequesterRule_IsNeverShared(
        string type,
        string expectedKey,
        bool expectedDependsOnAll)
    {
        var sut = CreateSut(
            type: type,
            viewRule: OwnerOrPublic,
            operation: CacheOperation.View,
            canDecideViewRule: true);

        Assert.Equal(expectedKey, sut?.Key);
        Assert.Equal(expectedDependsOnAll, sut?.DependsOnAll);
    }

    [Theory]
    [InlineData(CacheOperation.List)]
    [InlineData(CacheOperation.View)]
    public void Plan_AdminOnlyRule_ReturnsNull(CacheOperation operation)
    {
        var sut = CreateSut(listRule: null, viewRule: null, operation: operation, requester: Alice);

        Assert.Null(sut);
    }

    [Fact]
    public void Plan_ViewWithoutRecordId_ReturnsNull()
    {
        var sut = CreateSut(operation: CacheOperation.View, recordId: null);

        Assert.Null(sut);
    }

    [Theory]
    [InlineData("created > @now", null, null)]
    [InlineData("@request.headers.x_token = 'y'", null, null)]
    [InlineData("@request.method = 'GET'", null, null)]
    [InlineData("", "created > @now", null)]
    [InlineData("", "created < @todayStart", null)]
    [InlineData("", "@request.headers.x = 'y'", null)]
    [InlineData("", "@request.query.page = '1'", null)]
    [InlineData("", null, "@random")]
    public void Plan_MacroThatIsNotInTheKey_ReturnsNull(string listRule, string? filter, string? sort)
    {
        var sut = CreateSut(listRule: listRule, query: new RecordQuery { Filter = filter, Sort = sort });

        Assert.Null(sut);
    }

    [Fact]
    public void Plan_ViewRuleUsingTime_ReturnsNull()
    {
        var sut = CreateSut(viewRule: "created > @now", operation: CacheOperation.View, canDecideViewRule: true);

        Assert.Null(sut);
    }

    [Theory]
    [InlineData("title = '@request.auth.id'")]
    [InlineData("title = \"@request.auth.id\"")]
    [InlineData("title = 'it\\'s @request.auth.id'")]
    [InlineData("title = '@now' || title = '@request.headers.x'")]
    [InlineData("title = 'a.b'")]
    public void Plan_MacroOrDotInsideStringLiteral_IsNotRead(string filter)
    {
        var sut = CreateSut(query: new RecordQuery { Filter = filter }, requester: Alice);

        Assert.Equal(CacheScopes.Public, sut?.Scope);
        Assert.False(sut?.DependsOnAll);
    }

    [Theory]
    [InlineData("author = @request.auth.id", null)]
    [InlineData("@request.auth.id != ''", null)]
    [InlineData(null, "@request.auth.collectionName = 'users'")]
    public void Plan_RequesterInFilterOrSort_IsPerRequester(string? filter, string? sort)
    {
        var sut = CreateSut(query: new RecordQuery { Filter = filter, Sort = sort }, requester: Alice);

        Assert.Equal(CacheScopes.User("_pb_users_auth_", "alice1"), sut?.Scope);
        Assert.False(sut?.DependsOnAll);
    }

    /// <summary>
    /// PocketBase reads <c>//</c> to the end of the line as a comment, quotes in it included: the requester test
    /// on the next line still applies, so the entry must be per requester.
    /// </summary>
    [Fact]
    public void Plan_RequesterAfterCommentWithApostrophe_IsPerRequester()
    {
        var query = new RecordQuery { Filter = "// only what's mine\nauthor = @request.auth.id" };

        var sut = CreateSut(query: query, requester: Alice);

        Assert.Equal(CacheScopes.User("_pb_users_auth_", "alice1"), sut?.Scope);
    }

    /// <summary>
    /// PocketBase ends a quoted string only at a quote with no backslash right before it, so in
    /// <c>'a\\'</c> the string is still open, and the requester test after the third quote is code.
    /// </summary>
    [Fact]
    public void Plan_RequesterAfterBackslashesBeforeQuote_IsPerRequester()
    {
        var query = new RecordQuery
        {
            Filter = "title = 'a\\\\' || title = ' || author = @request.auth.id || title = 'z'",
        };

        var sut = CreateSut(query: query, requester: Alice);

        Assert.Equal(CacheScopes.User("_pb_users_auth_", "alice1"), sut?.Scope);
    }

    [Theory]
    [InlineData("", "author", null, CacheScopes.Guest)]
    [InlineData("", "author", Bob1, "u:_pb_users_auth_:bob1")]
    [InlineData(OwnerOrPublic, "comments", Bob1, "u:_pb_users_auth_:bob1")]
    public void Plan_Expand_DependsOnAllAndIsPerRequester(
        string listRule,
        string expand,
        string? userId,
        string expectedScope)
    {
        (string, string)? requester = userId is null ? null : ("_pb_users_auth_", userId);

        var sut = CreateSut(listRule: listRule, query: new RecordQuery { Expand = expand }, requester: requester);

        Assert.Equal(expectedScope, sut?.Scope);
        Assert.True(sut?.DependsOnAll);
    }

    [Theory]
    [InlineData("post.public = true", null, CacheScopes.Public)]
    [InlineData("", "author.name = 'x'", CacheScopes.Public)]
    [InlineData("", "rank > 1.5", CacheScopes.Public)]
    [InlineData("@collection.members.user ?= @request.auth.id", null, CacheScopes.Guest)]
    [InlineData("@request.auth.verified = true", null, CacheScopes.Guest)]
    [InlineData("", "@request.auth.email != ''", CacheScopes.Guest)]
    public void Plan_ExpressionReachingOtherRecords_DependsOnAll(string listRule, string? filter, string expectedScope)
    {
        var sut = CreateSut(listRule: listRule, query: new RecordQuery { Filter = filter });

        Assert.Equal(expectedScope, sut?.Scope);
        Assert.True(sut?.DependsOnAll);
    }

    [Theory]
    [InlineData("author = @request.auth.id")]
    [InlineData("@request.auth.collectionId = '_pb_users_auth_'")]
    [InlineData("@request.auth.collectionName = 'users'")]
    public void Plan_RequesterIdOrCollection_DoesNotDependOnAll(string listRule)
    {
        var sut = CreateSut(listRule: listRule, requester: Alice);

        Assert.Equal(CacheScopes.User("_pb_users_auth_", "alice1"), sut?.Scope);
        Assert.False(sut?.DependsOnAll);
    }

    [Fact]
    public void Plan_ViewCollection_DependsOnAll()
    {
        var sut = CreateSut(type: "view");

        Assert.Equal(CacheScopes.Public, sut?.Scope);
        Assert.True(sut?.DependsOnAll);
    }

    [Theory]
    [InlineData(CacheOperation.List, null, "posts/list/guest?page=1&perPage=30")]
    [InlineData(CacheOperation.List, Bob1, "posts/list/u:_pb_users_auth_:bob1?page=1&perPage=30")]
    [InlineData(CacheOperation.View, null, "posts/view/guest/rec1")]
    [InlineData(CacheOperation.View, Bob1, "posts/view/u:_pb_users_auth_:bob1/rec1")]
    public void Plan_AuthCollectionUnderEmptyRule_IsPerRequester(
        CacheOperation operation,
        string? userId,
        string expectedKey)
    {
        (string, string)? requester = userId is null ? null : ("_pb_users_auth_", userId);

        var sut = CreateSut(type: "auth", operation: operation, requester: requester, canDecideViewRule: true);

        Assert.Equal(expectedKey, sut?.Key);
        Assert.False(sut?.DependsOnAll);
    }

    [Fact]
    public void Plan_ViewWithListParameters_KeysOnlyExpandAndFields()
    {
        var query = new RecordQuery { Page = "2", Filter = "author = @request.auth.id", Sort = "@random" };

        var sut = CreateSut(operation: CacheOperation.View, query: query, requester: Alice);

        Assert.Equal("posts/view/public/rec1", sut?.Key);
        Assert.Same(RecordQuery.Empty, sut?.Query);
    }

    private static CachePlan? CreateSut(
        string type = "base",
        string? listRule = "",
        string? viewRule = "",
        CacheOperation operation = CacheOperation.List,
        string? recordId = "rec1",
        RecordQuery? query = null,
        (string CollectionId, string Id)? requester = null,
        bool canDecideViewRule = false)
    {
        var collection = new CollectionInfo
        {
            Id = PostsId,
            Name = "posts",
            Type = type,
            ListRule = listRule,
            ViewRule = viewRule,
        };
        return CachePlanner.Plan(
            collection,
            operation,
            recordId,
            query ?? RecordQuery.Empty,
            requester,
            _ => canDecideViewRule);
    }
}
