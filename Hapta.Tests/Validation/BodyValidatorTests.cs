using System.Text;
using Hapta.Collections;
using Hapta.Errors;
using Hapta.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hapta.Validation.Tests;

public sealed class BodyValidatorTests
{
    private const string Valid = """
        {"title":"A fine title","body":"<p>hello</p>","count":12,"ratio":-0.5,"flag":true,
         "contact":"ann@example.com","site":"https://docs.example.org/a?b=c","due":"2024-05-01 10:00:00.000Z",
         "color":"red","tags":["a","b"],"meta":{"k":[1,2,{"x":null}]},"owner":"abcdefghijklmno",
         "friends":["abcdefghijklmno","bcdefghijklmnop"],"fans":[],"files":["red_cjqiYfZUcc.png"]}
        """;

    [Fact]
    public void Check_EveryFieldTypeWithinItsOptions_Passes()
    {
        var sut = CreateSut();

        var error = sut.Check(Specimens.Collection, BodyOperation.Create, Utf8(Valid));

        Assert.Null(error);
    }

    [Theory]
    [InlineData("""{"title":"abc","count":"12"}""")]
    [InlineData("""{"title":"abc","count":" 12.0 ","ratio":"1e-1"}""")]
    [InlineData("""{"title":"abc","count":0,"ratio":0}""")]
    [InlineData("""{"title":"abc","count":null,"flag":null,"due":null,"color":null,"meta":null}""")]
    [InlineData("""{"title":"abc","flag":"true"}""")]
    [InlineData("""{"title":"abc","flag":"0"}""")]
    [InlineData("""{"title":"abc","flag":1}""")]
    [InlineData("""{"title":"abc","tags":"a"}""")]
    [InlineData("""{"title":"abc","tags":"[\"a\",\"c\"]"}""")]
    [InlineData("""{"title":"abc","tags":["a","a","a","a"]}""")]
    [InlineData("""{"title":"abc","tags":["","b"]}""")]
    [InlineData("""{"title":"abc","color":["green"]}""")]
    [InlineData("""{"title":"abc","color":""}""")]
    [InlineData("""{"title":"abc","due":"2024-05-01"}""")]
    [InlineData("""{"title":"abc","due":"2024-05-01T10:00:00+02:00"}""")]
    [InlineData("""{"title":"abc","site":"example.com/path"}""")]
    [InlineData("""{"title":"abc","contact":""}""")]
    [InlineData("""{"title":"abc","id":"abcdefghijklmno"}""")]
    [InlineData("""{"title":"abc","id":""}""")]
    [InlineData("""{"title":"abc","count+":5,"tags+":"c","+tags":["d"],"tags-":"a","fans+":"abcdefghijklmno"}""")]
    [InlineData("""{"title":"abc","files-":["red_cjqiYfZUcc.png"],"files":null}""")]
    [InlineData("""{"title":"abc","meta":"plain text is valid json"}""")]
    [InlineData("""{"title":"abc","body":"line one\r\nline two\ttabbed"}""")]
    public void Check_ValuesPocketBaseReadsTheSame_Pass(string body)
    {
        var sut = CreateSut();

        var error = sut.Check(Specimens.Collection, BodyOperation.Create, Utf8(body));

        Assert.True(error is null, Describe(error));
    }

    [Theory]
    [InlineData("""{"title":"abc","count-":5}""", "count-", ValidationCodes.MinNumber)] // 0 - 5
    [InlineData("""{"title":"abc","count+":1001}""", "count+", ValidationCodes.MaxNumber)]
    [InlineData("""{"title":"abc","count+":600,"count-":-500}""", "count+", ValidationCodes.MaxNumber)]
    [InlineData("""{"title":"abc","tags+":["a","b","c","d"]}""", "tags+", ValidationCodes.TooManyValues)]
    [InlineData("""{"title":"abc","+tags":["a","b"],"tags+":["c","d"]}""", "+tags", ValidationCodes.TooManyValues)]
    public void Check_ModifiersOnCreate_CheckTheValueTheyMake(string body, string key, string code)
    {
        var sut = CreateSut();

        var error = sut.Check(Specimens.Collection, BodyOperation.Create, Utf8(body));

        Assert.True(error?.Data?.TryGetValue(key, out var problem) == true, Describe(error));
        Assert.Equal(code, error.Data[key].Code);
    }

    [Theory]
    [InlineData("""{"title":"abc","count+":5,"count-":5}""")] // 0 in the end: PocketBase's zero value
    [InlineData("""{"title":"abc","tags+":["a","b","c","d"],"tags-":["d"]}""")]
    [InlineData("""{"title":"abc","count":5,"count-":10}""")] // sent plainly too: PocketBase's order decides
    public void Check_ModifiersOnCreateWithinLimits_Pass(string body)
    {
        var sut = CreateSut();

        var error = sut.Check(Specimens.Collection, BodyOperation.Create, Utf8(body));

        Assert.True(error is null || !error.Data!.Keys.Any(static k => k.StartsWith("count", StringComparison.Ordinal)
            || k.StartsWith("tags", StringComparison.Ordinal)), Describe(error));
    }

    [Theory]
    [InlineData("""{"title":"Good title\n"}""", "title", ValidationCodes.InvalidFormat)] // Go's $ is the very end
    [InlineData("""{"title":"abc","due":"2030-01-01\u0000"}""", "due", ValidationCodes.InvalidType)]
    public void Check_WhereDotNetReadsLooserThanGo_Refused(string body, string key, string code)
    {
        var sut = CreateSut();

        var error = sut.Check(Specimens.Collection, BodyOperation.Create, Utf8(body));

        Assert.True(error?.Data?.TryGetValue(key, out _) == true, Describe(error));
        Assert.Equal(code, error.Data[key].Code);
    }

    [Fact]
    public void Check_JsonSizedAsGoWritesIt_1e20IsTwentyOneDigits()
    {
        var sut = CreateSut();
        var numbers = string.Join(',', Enumerable.Repeat("1e20", 92)); // 2,025 bytes as Go writes them, 553 as .NET
        var body = $$"""{"title":"abc","meta":[{{numbers}}]}""";

        var error = sut.Check(Specimens.Collection, BodyOperation.Create, Utf8(body));

        Assert.Equal(ValidationCodes.JsonSize, error?.Data?["meta"].Code);
    }

    [Theory]
    [InlineData("""{"title":42}""", "title", ValidationCodes.InvalidType)]
    [InlineData("""{"title":["abc"]}""", "title", ValidationCodes.InvalidType)]
    [InlineData("""{"title":"ab"}""", "title", ValidationCodes.MinText)]
    [InlineData("""{"title":"abcdefghijklmnopqrstuvwxyzabcdefghijklmno"}""", "title", ValidationCodes.MaxText)]
    [InlineData("""{"title":"semi;colon"}""", "title", ValidationCodes.InvalidFormat)]
    [InlineData("""{"title":"abc\u0000def"}""", "title", ValidationCodes.ControlCharacter)]
    [InlineData("""{"body":"\u001b[31mred"}""", "body", ValidationCodes.ControlCharacter)]
    [InlineData("""{"count":"seven"}""", "count", ValidationCodes.InvalidType)]
    [InlineData("""{"count":true}""", "count", ValidationCodes.InvalidType)]
    [InlineData("""{"count":1e400}""", "count", ValidationCodes.InvalidType)]
    [InlineData("""{"count":[1]}""", "count", ValidationCodes.InvalidType)]
    [InlineData("""{"count":1.5}""", "count", ValidationCodes.NoDecimal)]
    [InlineData("""{"count":-1}""", "count", ValidationCodes.MinNumber)]
    [InlineData("""{"count":1001}""", "count", ValidationCodes.MaxNumber)]
    [InlineData("""{"ratio":"1.0001"}""", "ratio", ValidationCodes.MaxNumber)]
    [InlineData("""{"flag":"yes"}""", "flag", ValidationCodes.InvalidType)]
    [InlineData("""{"flag":2}""", "flag", ValidationCodes.InvalidType)]
    [InlineData("""{"flag":{}}""", "flag", ValidationCodes.InvalidType)]
    [InlineData("""{"contact":"not-an-email"}""", "contact", ValidationCodes.InvalidEmail)]
    [InlineData("""{"contact":"ann@other.org"}""", "contact", ValidationCodes.EmailDomain)]
    [InlineData("""{"site":"javascript:alert(1)"}""", "site", ValidationCodes.InvalidUrl)]
    [InlineData("""{"site":"https://exa mple.com"}""", "site", ValidationCodes.InvalidUrl)]
    [InlineData("""{"site":"https://evil.test/x"}""", "site", ValidationCodes.UrlDomain)]
    [InlineData("""{"due":"tomorrow"}""", "due", ValidationCodes.InvalidType)]
    [InlineData("""{"due":1714557600}""", "due", ValidationCodes.InvalidType)]
    [InlineData("""{"due":"1999-12-31 23:59:59.000Z"}""", "due", ValidationCodes.TooSmall)]
    [InlineData("""{"due":"2100-01-02"}""", "due", ValidationCodes.TooBig)]
    [InlineData("""{"color":"purple"}""", "color", ValidationCodes.InvalidValue)]
    [InlineData("""{"color":["red","blue"]}""", "color", ValidationCodes.TooManyValues)]
    [InlineData("""{"color":7}""", "color", ValidationCodes.InvalidType)]
    [InlineData("""{"tags":["a","b","c","d"]}""", "tags", ValidationCodes.TooManyValues)]
    [InlineData("""{"tags":["a",1]}""", "tags", ValidationCodes.InvalidType)]
    [InlineData("""{"tags":"[\"a\",2]"}""", "tags", ValidationCodes.InvalidType)]
    [InlineData("""{"meta":{"a":1,"a":2}}""", "meta", ValidationCodes.DuplicateKey)]
    [InlineData("""{"owner":"short"}""", "owner", ValidationCodes.MissingRelation)]
    [InlineData("""{"owner":"abcdefghijklm/o"}""", "owner", ValidationCodes.MissingRelation)]
    [InlineData("""{"owner":["abcdefghijklmno","bcdefghijklmnop"]}""", "owner", ValidationCodes.TooManyValues)]
    [InlineData("""{"friends":["abcdefghijklmno"]}""", "friends", ValidationCodes.NotEnoughValues)]
    [InlineData("""{"files":["../../etc/passwd"]}""", "files", ValidationCodes.InvalidValue)]
    [InlineData("""{"files":["a.png","b.png","c.png"]}""", "files", ValidationCodes.TooManyValues)]
    [InlineData("""{"nope":1}""", "nope", ValidationCodes.UnknownField)]
    [InlineData("""{"Title":"abc"}""", "Title", ValidationCodes.UnknownField)]
    [InlineData("""{"title+":"abc"}""", "title+", ValidationCodes.UnknownField)]
    [InlineData("""{"+count":1}""", "+count", ValidationCodes.UnknownField)]
    [InlineData("""{"files+":"x.png"}""", "files+", ValidationCodes.UnknownField)]
    [InlineData("""{"count+":"many"}""", "count+", ValidationCodes.InvalidType)]
    [InlineData("""{"tags+":"z"}""", "tags+", ValidationCodes.InvalidValue)]
    [InlineData("""{"created":"2024-01-01"}""", "created", ValidationCodes.ReadOnly)]
    [InlineData("""{"updated":"2024-01-01"}""", "updated", ValidationCodes.ReadOnly)]
    [InlineData("""{"collectionId":"x"}""", "collectionId", ValidationCodes.ReadOnly)]
    [InlineData("""{"collectionName":"x"}""", "collectionName", ValidationCodes.ReadOnly)]
    [InlineData("""{"expand":{}}""", "expand", ValidationCodes.ReadOnly)]
    [InlineData("""{"title":"abc","title":"abd"}""", "title", ValidationCodes.DuplicateKey)]
    public void Check_ValueOutsideItsField_ReportedUnderTheKey(string body, string key, string code)
    {
        var sut = CreateSut();

        var error = sut.Check(Specimens.Collection, BodyOperation.Update, Utf8(body));

        Assert.NotNull(error);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("Failed to update record.", error.Message);
        Assert.True(error.Data!.TryGetValue(key, out var problem), Describe(error));
        Assert.Equal(code, problem.Code);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [Theory]
    [InlineData("""{"title":"abc","id":"short"}""", ValidationCodes.LengthInvalid)]
    [InlineData("""{"title":"abc","id":"abcdefg/ijklmno"}""", ValidationCodes.MatchInvalid)]
    [InlineData("""{"title":"abc","id":"abcdefg ijklmno"}""", ValidationCodes.MatchInvalid)]
    [InlineData("""{"title":"abc","id":123456789012345}""", ValidationCodes.InvalidType)]
    public void Check_Create_IdNotOfPocketBasesForm_Refused(string body, string code)
    {
        var sut = CreateSut();

        var error = sut.Check(Specimens.Collection, BodyOperation.Create, Utf8(body));

        Assert.Equal(code, error!.Data!["id"].Code);
        Assert.Single(error.Data);
    }

    [Fact]
    public void Check_Create_RequiredFieldMissingOrEmpty_ValidationRequired()
    {
        var sut = CreateSut();

        var missing = sut.Check(Specimens.Collection, BodyOperation.Create, Utf8("""{"count":1}"""));
        var empty = sut.Check(Specimens.Collection, BodyOperation.Create, Utf8("""{"title":""}"""));

        Assert.Equal(new FieldError("validation_required", "Missing required value."), missing!.Data!["title"]);
        Assert.Equal("Failed to create record.", missing.Message);
        Assert.Equal(new FieldError("validation_required", "Missing required value."), empty!.Data!["title"]);
    }

    [Fact]
    public void Check_Update_RequiredFieldLeftOut_Passes_ButEmptiedIsRefused()
    {
        var sut = CreateSut();

        var leftOut = sut.Check(Specimens.Collection, BodyOperation.Update, Utf8("""{"count":1}"""));
        var emptied = sut.Check(Specimens.Collection, BodyOperation.Update, Utf8("""{"title":null}"""));

        Assert.Null(leftOut);
        Assert.Equal("validation_required", emptied!.Data!["title"].Code);
    }

    [Fact]
    public void Check_IdOnUpdate_Refused_ButChosenOnCreate_Passes()
    {
        var sut = CreateSut();
        var body = Utf8("""{"id":"abcdefghijklmno","title":"abc"}""");

        Assert.Null(sut.Check(Specimens.Collection, BodyOperation.Create, body));
        var onUpdate = sut.Check(Specimens.Collection, BodyOperation.Update, body);
        Assert.Equal(ValidationCodes.ReadOnly, onUpdate!.Data!["id"].Code);
    }

    [Fact]
    public void Check_SeveralProblems_AllReportedAtOnce()
    {
        var sut = CreateSut();

        var error = sut.Check(Specimens.Collection, BodyOperation.Create, Utf8("""{"count":-5,"color":"x","zzz":1}"""));

        Assert.Equal(["color", "count", "title", "zzz"], error!.Data!.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"title":"\ud800"}""")]
    [InlineData("""{"title\udc00":"abc"}""")]
    public void Check_HalfASurrogatePair_InvalidFormatting(string body)
    {
        var sut = CreateSut();

        var error = sut.Check(Specimens.Collection, BodyOperation.Create, Utf8(body));

        Assert.Equal(ApiError.InvalidBodyMessage, error!.Message);
        Assert.Contains("surrogate", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ViewCollection_Refused()
    {
        var sut = CreateSut();

        var error = sut.Check(Specimens.View, BodyOperation.Create, Utf8("""{"total":1}"""));

        Assert.Equal(400, error!.StatusCode);
        Assert.Contains("view collection", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"password":"pw-12345678","passwordConfirm":"pw-12345678","verified":true}""", "verified",
        ValidationCodes.ReadOnly)]
    [InlineData("""{"password":"pw-12345678","passwordConfirm":"pw-12345678","tokenKey":"x"}""", "tokenKey",
        ValidationCodes.ReadOnly)]
    [InlineData("""{"password":"pw-12345678","passwordConfirm":"pw-other"}""", "passwordConfirm",
        ValidationCodes.ValuesMismatch)]
    [InlineData("""{"password":"pw-12345678"}""", "passwordConfirm", ValidationCodes.Required)]
    [InlineData("""{"email":"ann@example.com"}""", "password", ValidationCodes.Required)]
    [InlineData("""{"password":"p","passwordConfirm":"p","email":"nope"}""", "email", ValidationCodes.IsEmail)]
    [InlineData("""{"password":"p","passwordConfirm":"p","username":"ab"}""", "username",
        ValidationCodes.LengthOutOfRange)]
    [InlineData("""{"password":"p","passwordConfirm":"p","username":"-dash"}""", "username",
        ValidationCodes.MatchInvalid)]
    [InlineData("""{"password":"p","passwordConfirm":"p","emailVisibility":"yes"}""", "emailVisibility",
        ValidationCodes.InvalidType)]
    [InlineData("""{"password":"p","passwordConfirm":"p","oldPassword":"p"}""", "oldPassword",
        ValidationCodes.UnknownField)]
    public void Check_AuthCreate_SystemFieldsRefusedOrChecked(string body, string key, string code)
    {
        var sut = CreateSut();

        var error = sut.Check(Specimens.Users, BodyOperation.Create, Utf8(body));

        Assert.True(error?.Data?.ContainsKey(key) == true, Describe(error));
        Assert.Equal(code, error!.Data![key].Code);
    }

    [Fact]
    public void Check_AuthSignUp_Passes()
    {
        var sut = CreateSut();
        var body = """
            {"username":"ann_1.x-y","email":"ann@example.com","emailVisibility":true,"password":"pw-12345678",
             "passwordConfirm":"pw-12345678","name":"Ann"}
            """;

        Assert.Null(sut.Check(Specimens.Users, BodyOperation.Create, Utf8(body)));
    }

    [Fact]
    public void Check_AuthUpdate_NewPasswordNeedsTheOldOne()
    {
        var sut = CreateSut();

        var without = sut.Check(
            Specimens.Users,
            BodyOperation.Update,
            Utf8("""{"password":"pw-new-1234","passwordConfirm":"pw-new-1234"}"""));
        var with = sut.Check(
            Specimens.Users,
            BodyOperation.Update,
            Utf8("""{"password":"pw-new-1234","passwordConfirm":"pw-new-1234","oldPassword":"pw-old-1234"}"""));

        Assert.Equal(ValidationCodes.Required, without!.Data!["oldPassword"].Code);
        Assert.Null(with);
    }

    [Fact]
    public void Check_PasswordTooLong_NeverQuotedBack()
    {
        var sut = CreateSut();
        var password = "secret-" + new string('z', 80);

        var error = sut.Check(
            Specimens.Users,
            BodyOperation.Create,
            Utf8($$"""{"password":"{{password}}","passwordConfirm":"{{password}}"}"""));

        Assert.Equal(ValidationCodes.TooLong, error!.Data!["password"].Code);
        Assert.DoesNotContain("secret-", Describe(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Tightening_NarrowsPocketBasesLimits()
    {
        var sut = CreateSut(new Dictionary<string, FieldTightening>
        {
            ["title"] = new() { MaxLength = 10, Pattern = "^[a-z ]+$" },
            ["body"] = new() { MaxLength = 5 },
            ["count"] = new() { Max = 10, Min = 2 },
            ["tags"] = new() { MaxSelect = 1 },
            ["moderated"] = new() { ReadOnly = true },
            ["flag"] = new() { Required = true },
            ["meta"] = new() { MaxLength = 10 },
        });

        var error = sut.Check(
            Specimens.Collection,
            BodyOperation.Create,
            Utf8("""
                {"title":"Abc def ghi jk","body":"123456","count":11,"tags":["a","b"],"moderated":false,
                 "meta":[1,2,3,4,5,6]}
                """));

        Assert.Equal(ValidationCodes.MaxText, error!.Data!["title"].Code);
        Assert.Equal(ValidationCodes.MaxText, error.Data["body"].Code);
        Assert.Equal(ValidationCodes.MaxNumber, error.Data["count"].Code);
        Assert.Equal(ValidationCodes.TooManyValues, error.Data["tags"].Code);
        Assert.Equal(ValidationCodes.ReadOnly, error.Data["moderated"].Code);
        Assert.Equal(ValidationCodes.Required, error.Data["flag"].Code);
        Assert.Equal(ValidationCodes.JsonSize, error.Data["meta"].Code);
    }

    [Fact]
    public void Check_Tightening_CannotLoosen()
    {
        var sut = CreateSut(new Dictionary<string, FieldTightening>
        {
            ["title"] = new() { MaxLength = 400, MinLength = 0 },
            ["count"] = new() { Max = 1_000_000, Min = -5 },
            ["tags"] = new() { MaxSelect = 10 },
        });

        var error = sut.Check(
            Specimens.Collection,
            BodyOperation.Create,
            Utf8("""{"title":"abcdefghijklmnopqrstuvwxyzabcdefghijklmno","count":-1,"tags":["a","b","c","d"]}"""));

        Assert.Equal(ValidationCodes.MaxText, error!.Data!["title"].Code);
        Assert.Equal(ValidationCodes.MinNumber, error.Data["count"].Code);
        Assert.Equal(ValidationCodes.TooManyValues, error.Data["tags"].Code);
    }

    [Fact]
    public void Check_TighteningThatDoesNotApply_IgnoredWithAWarning()
    {
        using var sink = new LogSink();
        var options = new ValidationOptions();
        options.Collections["specimens"] = new Dictionary<string, FieldTightening>
        {
            ["flag"] = new() { MaxLength = 3 },
            ["ghost"] = new() { ReadOnly = true },
        };
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(sink));
        var sut = new BodyValidator(new SchemaRules(Options.Create(options), factory.CreateLogger<SchemaRules>()));

        var error = sut.Check(Specimens.Collection, BodyOperation.Create, Utf8("""{"title":"abc","flag":true}"""));

        Assert.Null(error);
        Assert.Contains("specimens:flag: MaxLength do not apply to a bool field", sink.Text, StringComparison.Ordinal);
        Assert.Contains(
            "specimens:ghost names a field that collection does not have", sink.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TextLength_CountedInCharactersNotUtf16Units()
    {
        var sut = CreateSut(new Dictionary<string, FieldTightening> { ["body"] = new() { MaxLength = 3 } });

        var three = sut.Check(Specimens.Collection, BodyOperation.Update, Utf8("""{"body":"😀😀😀"}"""));
        var four = sut.Check(Specimens.Collection, BodyOperation.Update, Utf8("""{"body":"😀😀😀😀"}"""));

        Assert.Null(three);
        Assert.Equal(ValidationCodes.MaxText, four!.Data!["body"].Code);
    }

    private static BodyValidator CreateSut(Dictionary<string, FieldTightening>? specimens = null)
    {
        var options = new ValidationOptions();
        if (specimens is not null)
        {
            options.Collections["specimens"] = specimens;
        }

        return new BodyValidator(new SchemaRules(Options.Create(options), NullLogger<SchemaRules>.Instance));
    }

    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    private static string Describe(ApiError? error) =>
        error is null
            ? "(no error)"
            : $"{error.Message} {error.Detail} "
                + string.Join("; ", error.Data?.Select(static p => $"{p.Key}={p.Value.Code}: {p.Value.Message}") ?? []);
}
