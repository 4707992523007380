using System.Text;
using Hapta.Testing;

namespace Hapta.PocketBase.Tests;

public sealed class PocketBaseResultTests
{
    [Fact]
    public async Task ExecuteAsync_PocketBaseValidationError_KeepsCodeMessageDataAndAddsProblemMembers()
    {
        var sut = CreateSut(400, """
            {"code":400,"message":"Failed to create record.","data":{"content":{"code":"validation_required","message":"Missing required value."}}}
            """);

        var response = await ResultResponse.ExecuteAsync(sut, "execute: PocketBase validation error");

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json; charset=utf-8", response.Headers.ContentType.ToString());
        Assert.Equal(
            """
            {"type":"about:blank","title":"Bad Request","status":400,"detail":"Failed to create record.","code":400,"message":"Failed to create record.","data":{"content":{"code":"validation_required","message":"Missing required value."}}}
            """,
            response.Text);
    }

    [Fact]
    public async Task ExecuteAsync_ErrorBodyWithProblemMembers_KeepsHaptasOwn()
    {
        var sut = CreateSut(404, """
            {"status":200,"type":"https://evil.example","code":404,"message":"The requested resource wasn't found.","data":{}}
            """);

        var response = await ResultResponse.ExecuteAsync(sut, "execute: error body with problem members");

        Assert.Equal(
            """
            {"type":"about:blank","title":"Not Found","status":404,"detail":"The requested resource wasn't found.","code":404,"message":"The requested resource wasn't found.","data":{}}
            """,
            response.Text);
    }

    [Fact]
    public async Task ExecuteAsync_ErrorBodyWithoutData_AddsEmptyData()
    {
        var sut = CreateSut(403, """{"code":403,"message":"Only admins can perform this action."}""");

        var response = await ResultResponse.ExecuteAsync(sut, "execute: error body without data");

        Assert.Equal(
            """
            {"type":"about:blank","title":"Forbidden","status":403,"detail":"Only admins can perform this action.","code":403,"message":"Only admins can perform this action.","data":{}}
            """,
            response.Text);
    }

    [Theory]
    [InlineData("<html><body>secret-proxy-page internal 10.0.0.7</body></html>")]
    [InlineData("[\"secret-proxy-page\"]")]
    [InlineData("")]
    public async Task ExecuteAsync_ErrorBodyThatIsNotAJsonObject_DoesNotLeakIt(string body)
    {
        var sut = CreateSut(502, body, "text/html");

        var response = await ResultResponse.ExecuteAsync(sut, "execute: foreign error body");

        Assert.Equal(502, response.Status);
        Assert.DoesNotContain("secret-proxy-page", response.Text, StringComparison.Ordinal);
        Assert.Equal(
            """
            {"type":"about:blank","title":"Bad Gateway","status":502,"detail":"PocketBase answered with a body Hapta could not read.","code":502,"message":"Something went wrong while processing your request.","data":{}}
            """,
            response.Text);
    }

    [Fact]
    public async Task ExecuteAsync_Success_PassesTheBodyByteForByte()
    {
        var bytes = Encoding.UTF8.GetBytes(
            "{\"page\":1, \"items\":[{\"id\":\"abc123def456ghi\",\"title\":\"caf\\u00e9 \u2603\"}] ,\"x\":1.50}");
        var sut = new PocketBaseResult(new UpstreamResponse
        {
            Outcome = UpstreamOutcome.Answered,
            Status = 200,
            ContentType = "application/json; charset=UTF-8",
            Body = bytes,
        });

        var response = await ResultResponse.ExecuteAsync(sut, "execute: success");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json; charset=UTF-8", response.Headers.ContentType.ToString());
        Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            response.Headers.ContentLength.ToString());
        Assert.Equal(bytes, response.Body);
    }

    [Fact]
    public async Task ExecuteAsync_SuccessWithoutContentType_SendsJson()
    {
        var sut = new PocketBaseResult(new UpstreamResponse
        {
            Outcome = UpstreamOutcome.Answered,
            Status = 200,
            Body = "{}"u8.ToArray(),
        });

        var response = await ResultResponse.ExecuteAsync(sut, "execute: success without content type");

        Assert.Equal("application/json", response.Headers.ContentType.ToString());
        Assert.Equal("{}", response.Text);
    }

    [Fact]
    public async Task ExecuteAsync_NoContent_WritesStatusOnly()
    {
        var sut = new PocketBaseResult(new UpstreamResponse { Outcome = UpstreamOutcome.Answered, Status = 204 });

        var response = await ResultResponse.ExecuteAsync(sut, "execute: no content");

        Assert.Equal(204, response.Status);
        Assert.Empty(response.Body);
        Assert.False(response.Headers.ContainsKey("Content-Type"));
    }

    [Fact]
    public void StatusCode_IsPocketBasesStatus()
    {
        var sut = CreateSut(409, "{}");

        Assert.Equal(409, sut.StatusCode);
    }

    private static PocketBaseResult CreateSut(int status, string body, string contentType = "application/json") =>
        new(new UpstreamResponse
        {
            Outcome = UpstreamOutcome.Answered,
            Status = status,
            ContentType = contentType,
            Body = Encoding.UTF8.GetBytes(body),
        });
}
