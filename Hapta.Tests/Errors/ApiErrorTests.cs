using Hapta.Testing;

namespace Hapta.Errors.Tests;

public sealed class ApiErrorTests
{
    [Fact]
    public async Task ExecuteAsync_BadRequestWithFieldErrors_WritesProblemAndPocketBaseMembers()
    {
        var sut = ApiError.BadRequest(
            ApiError.BadRequestMessage,
            "page and perPage must be whole numbers.",
            new Dictionary<string, FieldError>
            {
                ["page"] = new("validation_invalid_number", "page must be a whole number."),
            });

        var response = await ResultResponse.ExecuteAsync(sut, "execute: bad request");

        Assert.Equal(400, response.Status);
        Assert.Equal(
            """
            {"type":"about:blank","title":"Bad Request","status":400,"detail":"page and perPage must be whole numbers.","code":400,"message":"Something went wrong while processing your request.","data":{"page":{"code":"validation_invalid_number","message":"page must be a whole number."}}}
            """,
            response.Text);
    }

    [Fact]
    public async Task ExecuteAsync_NotFound_WritesEmptyDataAndUnescapedApostrophe()
    {
        var sut = ApiError.NotFound("No collection named 'posts'.");

        var response = await ResultResponse.ExecuteAsync(sut, "execute: not found");

        Assert.Equal(404, response.Status);
        Assert.Equal(
            """
            {"type":"about:blank","title":"Not Found","status":404,"detail":"No collection named 'posts'.","code":404,"message":"The requested resource wasn't found.","data":{}}
            """,
            response.Text);
    }

    [Fact]
    public async Task ExecuteAsync_AnyError_SetsProblemContentTypeAndNoStore()
    {
        var sut = ApiError.Forbidden(
            "Only admins can perform this action.",
            "Admin APIs are not reachable through Hapta.");

        var response = await ResultResponse.ExecuteAsync(sut, "execute: forbidden");

        Assert.Equal(403, response.Status);
        Assert.Equal("application/problem+json; charset=utf-8", response.Headers.ContentType.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        Assert.False(response.Headers.ContainsKey("Retry-After"));
    }

    [Theory]
    [InlineData(5000, "5")]
    [InlineData(1200, "2")]
    [InlineData(0, "1")]
    public async Task ExecuteAsync_Unavailable_SetsRetryAfterInWholeSeconds(int milliseconds, string expected)
    {
        var sut = ApiError.Unavailable("PocketBase is down.", TimeSpan.FromMilliseconds(milliseconds));

        var response = await ResultResponse.ExecuteAsync(sut, "execute: unavailable");

        Assert.Equal(503, response.Status);
        Assert.Equal(expected, response.Headers.RetryAfter.ToString());
        Assert.Equal(
            """
            {"type":"about:blank","title":"Service Unavailable","status":503,"detail":"PocketBase is down.","code":503,"message":"The service is temporarily unavailable. Please try again later.","data":{}}
            """,
            response.Text);
    }

    [Theory]
    [InlineData(404, "Not Found.")]
    [InlineData(405, "Method Not Allowed.")]
    [InlineData(500, ApiError.BadRequestMessage)]
    [InlineData(431, "Request Header Fields Too Large.")]
    public void ForStatus_KnownStatus_UsesPocketBaseStyleMessage(int status, string expected)
    {
        var sut = ApiError.ForStatus(status);

        Assert.Equal(status, sut.StatusCode);
        Assert.Equal(expected, sut.Message);
        Assert.Null(sut.Detail);
    }

    [Fact]
    public async Task ExecuteAsync_NoDetail_OmitsTheDetailMember()
    {
        var sut = ApiError.ForStatus(405);

        var response = await ResultResponse.ExecuteAsync(sut, "execute: without detail");

        Assert.Equal(
            """
            {"type":"about:blank","title":"Method Not Allowed","status":405,"code":405,"message":"Method Not Allowed.","data":{}}
            """,
            response.Text);
    }

    [Fact]
    public async Task ExecuteAsync_TooLarge_NamesTheLimit()
    {
        var sut = ApiError.PayloadTooLarge(1024);

        var response = await ResultResponse.ExecuteAsync(sut, "execute: too large");

        Assert.Equal(413, response.Status);
        Assert.Equal(
            """
            {"type":"about:blank","title":"Payload Too Large","status":413,"detail":"Request bodies on this route are limited to 1024 bytes.","code":413,"message":"The request body is too large.","data":{}}
            """,
            response.Text);
    }
}
