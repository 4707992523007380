using Hapta.Errors;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Hapta.Validation.Tests;

public sealed class FormFieldsTests
{
    [Fact]
    public void CheckForm_TextsAsPocketBaseReadsThem_Pass()
    {
        var sut = CreateSut();

        var error = sut.CheckForm(Specimens.Collection, BodyOperation.Create, Form(
            ("title", ["Form title"]),
            ("count", ["12"]),
            ("ratio", ["-0.25"]),
            ("flag", ["true"]),
            ("tags", ["a", "b"]),
            ("color", ["red"]),
            ("due", ["2024-05-01 10:00:00.000Z"]),
            ("meta", ["{\"k\":1}"]),
            ("friends", ["abcdefghijklmno", "bcdefghijklmnop"])));

        Assert.Null(error);
    }

    [Fact]
    public void CheckForm_JsonPayload_JoinsTheFields()
    {
        var sut = CreateSut();

        var fine = sut.CheckForm(Specimens.Collection, BodyOperation.Create, Form(
            ("title", ["Form title"]), (FormFields.JsonPayloadKey, ["""{"meta":{"deep":[1,2]},"count":3}"""])));
        var bad = sut.CheckForm(Specimens.Collection, BodyOperation.Create, Form(
            ("title", ["Form title"]), (FormFields.JsonPayloadKey, ["""{"count":-3}"""])));

        Assert.Null(fine);
        Assert.Equal(ValidationCodes.MinNumber, bad!.Data!["count"].Code);
    }

    [Theory]
    [InlineData("count", "seven", ValidationCodes.InvalidType)]
    [InlineData("flag", "yes", ValidationCodes.InvalidType)]
    [InlineData("title", "ab", ValidationCodes.MinText)]
    [InlineData("color", "purple", ValidationCodes.InvalidValue)]
    [InlineData("owner", "../../etc", ValidationCodes.MissingRelation)]
    [InlineData("due", "soon", ValidationCodes.InvalidType)]
    [InlineData("created", "2024-01-01", ValidationCodes.ReadOnly)]
    [InlineData("password", "x", ValidationCodes.UnknownField)]
    public void CheckForm_FieldOutsideItsRule_ReportedUnderTheKey(string key, string value, string code)
    {
        var sut = CreateSut();

        var error = sut.CheckForm(Specimens.Collection, BodyOperation.Update, Form((key, [value])));

        Assert.Equal(code, error!.Data![key].Code);
    }

    [Fact]
    public void CheckForm_TextFieldGivenTwice_Refused()
    {
        var sut = CreateSut();

        var error = sut.CheckForm(Specimens.Collection, BodyOperation.Update, Form(("title", ["one", "two"])));

        Assert.Equal(ValidationCodes.InvalidType, error!.Data!["title"].Code);
    }

    [Fact]
    public void CheckForm_FieldInFormAndInJsonPayload_DuplicateKey()
    {
        var sut = CreateSut();

        var error = sut.CheckForm(Specimens.Collection, BodyOperation.Update, Form(
            ("title", ["Form title"]), (FormFields.JsonPayloadKey, ["""{"title":"Other title"}"""])));

        Assert.Equal(ValidationCodes.DuplicateKey, error!.Data!["title"].Code);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{\"a\":")]
    [InlineData("\"text\"")]
    public void CheckForm_JsonPayloadNotAnObject_InvalidFormatting(string payload)
    {
        var sut = CreateSut();

        var error = sut.CheckForm(
            Specimens.Collection, BodyOperation.Update, Form((FormFields.JsonPayloadKey, [payload])));

        Assert.Equal(ApiError.InvalidBodyMessage, error!.Message);
    }

    private static KeyValuePair<string, StringValues>[] Form(params (string Key, string[] Values)[] fields) =>
        [.. fields.Select(static f => new KeyValuePair<string, StringValues>(f.Key, new StringValues(f.Values)))];

    private static BodyValidator CreateSut() =>
        new(new SchemaRules(Options.Create(new ValidationOptions()), NullLogger<SchemaRules>.Instance));
}
