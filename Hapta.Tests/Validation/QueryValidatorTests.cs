using Hapta.Collections;
using Hapta.Errors;
using Hapta.PocketBase;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Hapta.Validation.Tests;

public sealed class QueryValidatorTests
{
    private static readonly CollectionInfo Posts = new()
    {
        Id = "pbc_posts000001",
        Name = "posts",
        Type = "base",
        Fields =
        [
            new FieldInfo { Name = "content", Type = "text" },
            new FieldInfo { Name = "author", Type = "relation" },
            new FieldInfo { Name = "meta", Type = "json" },
            new FieldInfo { Name = "likesCount", Type = "number" },
        ],
    };

    private static readonly CollectionInfo Users = new()
    {
        Id = "_pb_users_auth_",
        Name = "users",
        Type = "auth",
        Fields = [new FieldInfo { Name = "name", Type = "text" }],
    };

    [Theory]
    [InlineData(null, null)]
    [InlineData("1", "1")]
    [InlineData("", "")]
    [InlineData("2147483647", "500")]
    [InlineData("+2", "+20")]
    public void Check_PageFromOneAndPerPageWithinTheCap_Passes(string? page, string? perPage)
    {
        var sut = CreateSut();

        var error = sut.Check(Posts, new RecordQuery { Page = page, PerPage = perPage });

        Assert.Null(error);
    }

    [Theory]
    [InlineData("0", null, "page", ValidationCodes.TooSmall, "Must be no less than 1.")]
    [InlineData("-1", null, "page", ValidationCodes.TooSmall, "Must be no less than 1.")]
    [InlineData("two", null, "page", ValidationCodes.InvalidNumber, "page must be a whole number.")]
    [InlineData("1e3", null, "page", ValidationCodes.InvalidNumber, "page must be a whole number.")]
    [InlineData(" 1", null, "page", ValidationCodes.InvalidNumber, "page must be a whole number.")]
    [InlineData("2147483648", null, "page", ValidationCodes.TooBig, "Must be no greater than 2147483647.")]
    [InlineData(null, "0", "perPage", ValidationCodes.TooSmall, "Must be no less than 1.")]
    [InlineData(null, "501", "perPage", ValidationCodes.TooBig, "Must be no greater than 500.")]
    [InlineData(null, "1.5", "perPage", ValidationCodes.InvalidNumber, "perPage must be a whole number.")]
    [InlineData(null, "0x10", "perPage", ValidationCodes.InvalidNumber, "perPage must be a whole number.")]
    [InlineData(
        null, "99999999999999999999", "perPage", ValidationCodes.InvalidNumber, "perPage must be a whole number.")]
    public void Check_PageOrPerPageOutOfRange_ReportsTheField(
        string? page,
        string? perPage,
        string field,
        string code,
        string message)
    {
        var sut = CreateSut();

        var error = sut.Check(Posts, new RecordQuery { Page = page, PerPage = perPage });

        Assert.NotNull(error);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(ApiError.BadRequestMessage, error.Message);
        Assert.Equal(new Dictionary<string, FieldError> { [field] = new(code, message) }, error.Data);
    }

    [Fact]
    public void Check_ConfiguredCap_RefusesAboveIt()
    {
        var sut = CreateSut(static o => o.MaxPerPage = 50);

        var error = sut.Check(Posts, new RecordQuery { PerPage = "51" });

        Assert.Equal(new FieldError(ValidationCodes.TooBig, "Must be no greater than 50."), error!.Data!["perPage"]);
    }

    [Fact]
    public void Check_SeveralProblems_ReportsEveryOneAtOnce()
    {
        var sut = CreateSut();

        var error = sut.Check(Posts, new RecordQuery
        {
            Page = "0",
            PerPage = "1000",
            Sort = "nosuch",
            Filter = "(a = 1",
            Fields = "id,ghost",
            Expand = "content",
        });

        Assert.Equal(["expand", "fields", "filter", "page", "perPage", "sort"], error!.Data!.Keys.Order());
    }

    [Theory]
    [InlineData("content = 'a' && (likesCount > 1 || author = \"x\")")]
    [InlineData("content ~ 'it''s'")]
    [InlineData("content = 'a (b'")]
    [InlineData("content = \"quote \\\" inside\"")]
    [InlineData("content = 'line\nbreak'")]
    [InlineData("")]
    public void Check_WellFormedFilter_Passes(string filter)
    {
        var sut = CreateSut();

        Assert.Null(sut.Check(Posts, new RecordQuery { Filter = filter }));
    }

    [Theory]
    [InlineData("likesCount>=40&&content~'x'")]
    [InlineData("author.name = 'ann' || author.verified = true")]
    [InlineData("comments_via_post.author != ''")]
    [InlineData("meta.deep.key != null && created > @now && updated < @todayStart")]
    [InlineData("created >= @monthStart && @hour > 8 && @weekday < 6 && updated < @yearEnd")]
    [InlineData("author:length > 0 && content:lower ~ 'a' && likesCount > -1.5e3")]
    [InlineData("content = 'ghost = 1' && id != \"nosuch.field\"")]
    [InlineData("content = '@collection' && (TRUE = true) && content != NULL")]
    public void Check_FilterNamingFieldsTheCollectionHas_Passes(string filter)
    {
        var sut = CreateSut();

        var error = sut.Check(Posts, new RecordQuery { Filter = filter });

        Assert.True(error is null, error?.Data?["filter"].Message);
    }

    [Theory]
    [InlineData("@collection.users.name ?= 'x'", null, "@collection.")]
    [InlineData("author = @request.auth.id", null, "@request.")]
    [InlineData("content = '@request.auth.id'", null, "@request.")] // PocketBase looks inside quotes too
    [InlineData(null, "@request.auth.id", "@request.")]
    public void Check_AdminOnlyMacro_ForbiddenAsPocketBaseDoes(string? filter, string? sort, string macro)
    {
        var sut = CreateSut();

        var error = sut.Check(Posts, new RecordQuery { Filter = filter, Sort = sort });

        Assert.Equal(StatusCodes.Status403Forbidden, error!.StatusCode);
        Assert.Equal($"Only admins can filter by {macro}", error.Message);
    }

    [Theory]
    [InlineData("created > @yesterday", "@yesterday")]
    [InlineData("content = @", "@")]
    [InlineData("created > @now:lower", "@now:lower")]
    [InlineData("@NOW > 1", "@NOW")]
    public void Check_FilterNamingAnUnknownMacro_Refused(string filter, string named)
    {
        var sut = CreateSut();

        var error = sut.Check(Posts, new RecordQuery { Filter = filter });

        Assert.Equal(ValidationCodes.BadSyntax, error!.Data!["filter"].Code);
        Assert.StartsWith($"The filter names \"{named}\"", error.Data["filter"].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ghost = 1", "ghost")]
    [InlineData("content = 'a' && Content = 'b'", "Content")]
    [InlineData("likesCount.deeper = 1", "likesCount.deeper")]
    [InlineData("(content = 'a') || password != ''", "password")]
    [InlineData("collectionName = 'posts'", "collectionName")]
    public void Check_FilterNamingAnUnknownField_Refused(string filter, string named)
    {
        var sut = CreateSut();

        var error = sut.Check(Posts, new RecordQuery { Filter = filter });

        Assert.Equal(ValidationCodes.UnknownField, error!.Data!["filter"].Code);
        Assert.StartsWith($"The filter names \"{named}\"", error.Data["filter"].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(content = 'a'", "The filter leaves a parenthesis unclosed.")]
    [InlineData("content = 'a')", "The filter closes a parenthesis it never opened, at position 14.")]
    [InlineData("content = 'a", "The filter leaves a quoted text unclosed.")]
    [InlineData("content = \"a", "The filter leaves a quoted text unclosed.")]
    [InlineData("content = 'a\0'", "The filter holds a control character (U+0000) at position 13.")]
    [InlineData("content = 'a\u001b'", "The filter holds a control character (U+001B) at position 13.")]
    public void Check_MalformedFilter_SaysWhatIsWrong(string filter, string message)
    {
        var sut = CreateSut();

        var error = sut.Check(Posts, new RecordQuery { Filter = filter });

        Assert.Equal(new FieldError(ValidationCodes.BadSyntax, message), error!.Data!["filter"]);
    }

    [Fact]
    public void Check_FilterNestedTooDeep_IsRefused()
    {
        var sut = CreateSut();
        var filter = new string('(', 33) + "id = 'x'" + new string(')', 33);

        var error = sut.Check(Posts, new RecordQuery { Filter = filter });

        Assert.Equal(ValidationCodes.BadSyntax, error!.Data!["filter"].Code);
    }

    [Fact]
    public void Check_FilterLongerThanTheCap_IsRefusedWithTheCap()
    {
        var sut = CreateSut(static o => o.MaxFilterLength = 20);

        var atCap = sut.Check(Posts, new RecordQuery { Filter = "content = '" + new string('a', 8) + "'" });
        var over = sut.Check(Posts, new RecordQuery { Filter = "content = '" + new string('a', 9) + "'" });

        Assert.Null(atCap);
        Assert.Equal(
            new FieldError(ValidationCodes.TooLong, "The length must be no more than 20."), over!.Data!["filter"]);
    }

    [Theory]
    [InlineData("-created")]
    [InlineData("content,-likesCount,+id,updated")]
    [InlineData("@random")]
    [InlineData("-@rowid")]
    [InlineData("author.name")]
    [InlineData("meta.key")]
    [InlineData(" content , -created ")]
    public void Check_SortByFieldsTheCollectionHas_Passes(string sort)
    {
        var sut = CreateSut();

        Assert.Null(sut.Check(Posts, new RecordQuery { Sort = sort }));
    }

    [Theory]
    [InlineData("nosuch", "posts has no field \"nosuch\".")]
    [InlineData("content,-password", "posts has no field \"password\".")]
    [InlineData("content,", "An empty name.")]
    [InlineData("content.length", "\"content\" is not a relation; \"content.length\" leads nowhere.")]
    [InlineData("email", "posts has no field \"email\".")]
    [InlineData("collectionName", "posts has no field \"collectionName\".")]
    [InlineData("(SELECT 1)", "posts has no field \"(SELECT 1)\".")]
    public void Check_SortByUnknownName_NamesIt(string sort, string message)
    {
        var sut = CreateSut();

        var error = sut.Check(Posts, new RecordQuery { Sort = sort });

        Assert.Equal(new FieldError(ValidationCodes.UnknownField, message), error!.Data!["sort"]);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("-verified,username,emailVisibility,name")]
    public void Check_SortAuthCollectionByItsAuthFields_Passes(string sort)
    {
        var sut = CreateSut();

        Assert.Null(sut.Check(Users, new RecordQuery { Sort = sort }));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("id,content,collectionId,collectionName")]
    [InlineData("content:excerpt(12,true)")]
    [InlineData("expand.author.username,expand.comments_via_post.content")]
    [InlineData("expand")]
    public void Check_FieldsTheAnswerCanHold_Passes(string fields)
    {
        var sut = CreateSut();

        Assert.Null(sut.Check(Posts, new RecordQuery { Fields = fields }));
    }

    [Theory]
    [InlineData("id,ghost", "posts has no field \"ghost\".")]
    [InlineData("password:excerpt(3)", "posts has no field \"password\".")]
    public void Check_FieldsUnknownName_NamesIt(string fields, string message)
    {
        var sut = CreateSut();

        var error = sut.Check(Posts, new RecordQuery { Fields = fields });

        Assert.Equal(new FieldError(ValidationCodes.UnknownField, message), error!.Data!["fields"]);
    }

    [Theory]
    [InlineData("author")]
    [InlineData("author.avatar,comments_via_post.author")]
    [InlineData("author.a.b.c.d.e")]
    public void Check_ExpandRelations_Passes(string expand)
    {
        var sut = CreateSut();

        Assert.Null(sut.Check(Posts, new RecordQuery { Expand = expand }));
    }

    [Theory]
    [InlineData("content", ValidationCodes.UnknownField, "\"content\" is not a relation field of posts.")]
    [InlineData("ghost.author", ValidationCodes.UnknownField, "\"ghost\" is not a relation field of posts.")]
    [InlineData("_via_x", ValidationCodes.UnknownField, "\"_via_x\" is not a relation field of posts.")]
    [InlineData(
        "author.a.b.c.d.e.f", ValidationCodes.TooDeep, "\"author.a.b.c.d.e.f\" expands 7 relations deep; at most 6.")]
    public void Check_ExpandOfWhatIsNoRelationOrTooDeep_IsRefused(string expand, string code, string message)
    {
        var sut = CreateSut();

        var error = sut.Check(Posts, new RecordQuery { Expand = expand });

        Assert.Equal(new FieldError(code, message), error!.Data!["expand"]);
    }

    [Fact]
    public void Check_ViewCollection_KnowsOnlyIdAndItsSchema()
    {
        var view = new CollectionInfo
        {
            Id = "pbc_view0000001",
            Name = "stats",
            Type = "view",
            Fields = [new FieldInfo { Name = "total", Type = "number" }],
        };
        var sut = CreateSut();

        var good = sut.Check(view, new RecordQuery { Sort = "-total,id" });
        var bad = sut.Check(view, new RecordQuery { Sort = "created" });

        Assert.Null(good);
        Assert.Equal("stats has no field \"created\".", bad!.Data!["sort"].Message);
    }

    private static QueryValidator CreateSut(Action<ValidationOptions>? configure = null)
    {
        var options = new ValidationOptions();
        configure?.Invoke(options);
        return new QueryValidator(Options.Create(options));
    }
}
