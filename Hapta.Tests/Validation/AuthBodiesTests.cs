using System.Text;
using Hapta.Errors;

namespace Hapta.Validation.Tests;

public sealed class AuthBodiesTests
{
    [Theory]
    [InlineData("auth-with-password", """{"identity":"ann@example.com","password":"pw-12345678"}""")]
    [InlineData("auth-with-password", """{"identity":"ann","password":"x"}""")]
    [InlineData("request-verification", """{"email":"ann@example.com"}""")]
    [InlineData("request-password-reset", """{"email":"ann@example.com"}""")]
    [InlineData("confirm-verification", """{"token":"eyJhbGciOi.x.y"}""")]
    [InlineData("confirm-password-reset", """{"token":"t","password":"pw-new-1234","passwordConfirm":"pw-new-1234"}""")]
    [InlineData("auth-refresh", """{"anything":1}""")]
    public void Check_TheRoutesOwnFields_Pass(string action, string body) =>
        Assert.Null(AuthBodies.Check(action, Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("auth-with-password", """{"identity":"ann","password":"x","role":"admin"}""", "role",
        ValidationCodes.UnknownField)]
    [InlineData("auth-with-password", """{"identity":"ann"}""", "password", ValidationCodes.Required)]
    [InlineData("auth-with-password", """{"identity":["ann"],"password":"x"}""", "identity",
        ValidationCodes.InvalidType)]
    [InlineData("auth-with-password", """{"identity":"ann\u0000","password":"x"}""", "identity",
        ValidationCodes.ControlCharacter)]
    [InlineData("auth-with-password", """{"identity":"ann","identity":"bob","password":"x"}""", "identity",
        ValidationCodes.DuplicateKey)]
    [InlineData("request-password-reset", """{"email":"not-an-address"}""", "email", ValidationCodes.IsEmail)]
    [InlineData("confirm-password-reset", """{"token":"t","password":"a-long-one","passwordConfirm":"b-long-one"}""",
        "passwordConfirm", ValidationCodes.ValuesMismatch)]
    [InlineData("confirm-verification", """{"token":""}""", "token", ValidationCodes.Required)]
    public void Check_BadField_ReportedUnderItsName(string action, string body, string key, string code)
    {
        var error = AuthBodies.Check(action, Encoding.UTF8.GetBytes(body));

        Assert.Equal(400, error!.StatusCode);
        Assert.Equal(code, error.Data![key].Code);
    }

    [Fact]
    public void Check_TokenOverTheCap_TooLong_AndNeverQuoted()
    {
        var token = "tok-" + new string('t', AuthBodies.MaxTokenLength);

        var error = AuthBodies.Check("confirm-verification", Encoding.UTF8.GetBytes($$"""{"token":"{{token}}"}"""));

        Assert.Equal(ValidationCodes.TooLong, error!.Data!["token"].Code);
        Assert.DoesNotContain("tok-", error.Data["token"].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ValueNotText_PocketBasesLoadingMessage()
    {
        var error = AuthBodies.Check("auth-with-password", Encoding.UTF8.GetBytes("""{"identity":1,"password":2}"""));

        Assert.Equal("An error occurred while loading the submitted data.", error!.Message);
        Assert.NotEqual(ApiError.InvalidBodyMessage, error.Message);
    }
}
