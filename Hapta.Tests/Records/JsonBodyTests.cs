using System.Text;
using Hapta.Errors;
using Hapta.Testing;
using Microsoft.AspNetCore.Http;

namespace Hapta.Records.Tests;

public sealed class JsonBodyTests
{
    private const long Limit = 64;

    [Theory]
    [InlineData("{\"title\":\"hello\",\"n\":1}")]
    [InlineData("  {\n  \"title\" : \"h\\u00e9llo\",\n  \"tags\": [1, 2.5e3, null, true]\n}\n")]
    [InlineData("{}")]
    public async Task ReadAsync_JsonObject_ReturnsTheBytesUnchanged(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var request = CreateRequest(bytes);

        var (body, error) = await JsonBody.ReadAsync(request, 1024, CancellationToken.None)
            .Guarded("read: JSON object");

        Assert.Null(error);
        Assert.Equal(bytes, body);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("APPLICATION/JSON")]
    [InlineData("application/merge-patch+json")]
    public async Task ReadAsync_JsonMediaTypeVariant_IsAccepted(string contentType)
    {
        var request = CreateRequest("{\"a\":1}"u8.ToArray(), contentType);

        var (body, error) = await JsonBody.ReadAsync(request, Limit, CancellationToken.None)
            .Guarded("read: media type variant");

        Assert.Null(error);
        Assert.Equal("{\"a\":1}"u8.ToArray(), body);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData(null)]
    public async Task ReadAsync_EmptyBodyWithZeroLength_ReturnsEmptyObject(string? contentType)
    {
        var request = CreateRequest([], contentType);

        var (body, error) = await JsonBody.ReadAsync(request, Limit, CancellationToken.None)
            .Guarded("read: empty body");

        Assert.Null(error);
        Assert.Equal("{}"u8.ToArray(), body);
    }

    [Fact]
    public async Task ReadAsync_EmptyJsonBodyWithoutContentLength_ReturnsEmptyObject()
    {
        var request = CreateRequest([], declareLength: false);

        var (body, error) = await JsonBody.ReadAsync(request, Limit, CancellationToken.None)
            .Guarded("read: empty chunked body");

        Assert.Null(error);
        Assert.Equal("{}"u8.ToArray(), body);
    }

    [Theory]
    [InlineData("[{\"a\":1}]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task ReadAsync_RootThatIsNotAnObject_Returns400(string json)
    {
        var request = CreateRequest(Encoding.UTF8.GetBytes(json));

        var (body, error) = await JsonBody.ReadAsync(request, Limit, CancellationToken.None)
            .Guarded("read: non-object root");

        Assert.Null(body);
        AssertInvalidBody(error);
    }

    [Theory]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\":1} // note")]
    [InlineData("{\"a\":")]
    [InlineData("{'a':1}")]
    [InlineData("{} {}")]
    [InlineData("{\"a\":NaN}")]
    public async Task ReadAsync_MalformedJson_Returns400(string json)
    {
        var request = CreateRequest(Encoding.UTF8.GetBytes(json));

        var (body, error) = await JsonBody.ReadAsync(request, Limit, CancellationToken.None)
            .Guarded("read: malformed JSON");

        Assert.Null(body);
        AssertInvalidBody(error);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public async Task ReadAsync_InvalidUtf8InString_Returns400(byte[] invalid)
    {
        byte[] bytes = [.. "{\"a\":\""u8, .. invalid, .. "\"}"u8];
        var request = CreateRequest(bytes);

        var (body, error) = await JsonBody.ReadAsync(request, Limit, CancellationToken.None)
            .Guarded("read: invalid UTF-8 in a string");

        Assert.Null(body);
        AssertInvalidBody(error);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8OutsideStrings_Returns400()
    {
        byte[] bytes = [.. "{\"a\":1}"u8, 0xFF];
        var request = CreateRequest(bytes);

        var (body, error) = await JsonBody.ReadAsync(request, Limit, CancellationToken.None)
            .Guarded("read: invalid UTF-8 after the object");

        Assert.Null(body);
        AssertInvalidBody(error);
    }

    [Fact]
    public async Task ReadAsync_Depth64_IsAccepted()
    {
        var bytes = Nested(64);
        var request = CreateRequest(bytes);

        var (body, error) = await JsonBody.ReadAsync(request, 4096, CancellationToken.None)
            .Guarded("read: 64 levels");

        Assert.Null(error);
        Assert.Equal(bytes, body);
    }

    [Fact]
    public async Task ReadAsync_DepthAbove64_Returns400()
    {
        var request = CreateRequest(Nested(65));

        var (body, error) = await JsonBody.ReadAsync(request, 4096, CancellationToken.None)
            .Guarded("read: 65 levels");

        Assert.Null(body);
        AssertInvalidBody(error);
    }

    [Fact]
    public async Task ReadAsync_BodyExactlyAtLimit_IsAccepted()
    {
        var bytes = ObjectOfLength((int)Limit);
        var request = CreateRequest(bytes, declareLength: false);

        var (body, error) = await JsonBody.ReadAsync(request, Limit, CancellationToken.None)
            .Guarded("read: body at the limit");

        Assert.Null(error);
        Assert.Equal(bytes, body);
    }

    [Fact]
    public async Task ReadAsync_ContentLengthOverLimit_Returns413WithoutReading()
    {
        var request = CreateRequest(ObjectOfLength((int)Limit + 1));

        var (body, error) = await JsonBody.ReadAsync(request, Limit, CancellationToken.None)
            .Guarded("read: declared length over the limit");

        Assert.Null(body);
        AssertTooLarge(error);
        Assert.Equal(0, request.Body.Position);
    }

    [Fact]
    public async Task ReadAsync_BodyOverLimitWithoutContentLength_Returns413()
    {
        var request = CreateRequest(ObjectOfLength((int)Limit + 1), declareLength: false);

        var (body, error) = await JsonBody.ReadAsync(request, Limit, CancellationToken.None)
            .Guarded("read: chunked body over the limit");

        Assert.Null(body);
        AssertTooLarge(error);
    }

    [Fact]
    public async Task ReadAsync_BodyLongerThanItsContentLength_Returns413()
    {
        var request = CreateRequest(ObjectOfLength(4 * (int)Limit));
        request.ContentLength = 8;

        var (body, error) = await JsonBody.ReadAsync(request, Limit, CancellationToken.None)
            .Guarded("read: body longer than declared");

        Assert.Null(body);
        AssertTooLarge(error);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/jsonp")]
    [InlineData("not a media type")]
    [InlineData(null)]
    public async Task ReadAsync_ContentTypeNotJson_Returns415(string? contentType)
    {
        var request = CreateRequest("{\"a\":1}"u8.ToArray(), contentType);

        var (body, error) = await JsonBody.ReadAsync(request, Limit, CancellationToken.None)
            .Guarded("read: wrong content type");

        Assert.Null(body);
        Assert.NotNull(error);
        Assert.Equal(415, error.StatusCode);
        Assert.Equal("Unsupported Media Type.", error.Message);
        Assert.Equal("Send the record as JSON with Content-Type: application/json.", error.Detail);
    }

    private static HttpRequest CreateRequest(
        byte[] body,
        string? contentType = "application/json",
        bool declareLength = true)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = declareLength ? body.Length : null;
        return context.Request;
    }

    private static void AssertInvalidBody(ApiError? error)
    {
        Assert.NotNull(error);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(ApiError.InvalidBodyMessage, error.Message);
        Assert.Equal(
            "The body must be one well-formed JSON object (UTF-8, no comments, at most 64 levels deep).",
            error.Detail);
    }

    private static void AssertTooLarge(ApiError? error)
    {
        Assert.NotNull(error);
        Assert.Equal(413, error.StatusCode);
        Assert.Equal($"Request bodies on this route are limited to {Limit} bytes.", error.Detail);
    }

    /// <summary><paramref name="depth"/> objects, each the only member of the one around it.</summary>
    private static byte[] Nested(int depth) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}"
            + new string('}', depth - 1));

    /// <summary>A JSON object of exactly <paramref name="length"/> bytes: <c>{"p":"xxx…"}</c>.</summary>
    private static byte[] ObjectOfLength(int length) =>
        Encoding.UTF8.GetBytes("{\"p\":\"" + new string('x', length - 8) + "\"}");
}
