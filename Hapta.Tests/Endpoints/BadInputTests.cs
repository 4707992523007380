using Hapta.Tests.Infrastructure;

namespace Hapta.Endpoints.Tests;

/// <summary>
/// Input Hapta can judge on its own gets a 4xx in the error shape and never reaches PocketBase, and the
/// server keeps serving (issue #2, "Bad input"). Each request carries a fresh marker in a part of the URL that
/// Hapta would forward; PocketBase's own request log must not show it.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class BadInputTests(GatewayFixture fixture)
{
    public static TheoryData<string, string, string?, string?, int> Cases => new()
    {
        // method, path ({m} = marker), body, content type, expected status
        { "GET", "/api/collections/{m}/records", null, null, 404 },
        { "GET", "/api/collections/{m}/records/abcdefghijklmno", null, null, 404 },
        { "GET", "/api/collections/posts/records/{m}.x", null, null, 404 },
        { "GET", "/api/collections/posts/records/{m}aaaaaaaaaaaaaaaaaaaa", null, null, 404 },
        { "PATCH", "/api/collections/posts/records/{m}%2F..%2Fx", "{}", "application/json", 404 },
        { "DELETE", "/api/collections/posts/records/a{m}", null, null, 404 },
        { "GET", "/api/collections/posts/records?page=abc&filter={m}", null, null, 400 },
        { "GET", "/api/collections/posts/records?perPage=1e3&filter={m}", null, null, 400 },
        { "POST", "/api/collections/posts/records?expand=author.{m}", "{\"content\": ", "application/json", 400 },
        { "POST", "/api/collections/posts/records?expand=author.{m}", "[1,2,3]", "application/json", 400 },
        { "POST", "/api/collections/posts/records?expand=author.{m}", "{\"a\":1} trailing", "application/json", 400 },
        { "POST", "/api/collections/posts/records?expand=author.{m}", "{'single':'quotes'}", "application/json", 400 },
        {
            "POST", "/api/collections/posts/records?expand=author.{m}", "content=x",
            "application/x-www-form-urlencoded", 400
        },
        { "POST", "/api/collections/posts/records?expand=author.{m}", "{}", "text/plain", 415 },
        {
            "PATCH", "/api/collections/posts/records/abcdefghijklmno?expand=author.{m}", "nope", "application/json",
            400
        },
        { "PUT", "/api/collections/posts/records?expand=author.{m}", "{}", "application/json", 405 },
        { "PUT", "/api/collections/posts/records/abcdefghijklmno?expand=author.{m}", "{}", "application/json", 405 },
        { "GET", "/api/nothing/here/{m}", null, null, 404 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadRequest_AnsweredInErrorShape_NeverReachesPocketBase(
        string method,
        string pathTemplate,
        string? body,
        string? contentType,
        int expected)
    {
        var marker = SocialData.Unique("bad");
        var sentinel = SocialData.Unique("sentinel");

        var answer = await Exchange.SendAsync(
            fixture.Gateway, new HttpMethod(method), pathTemplate.Replace("{m}", marker, StringComparison.Ordinal),
            json: body, contentType: contentType ?? "application/json");
        var stillServing = await Exchange.SendAsync(
            fixture.Gateway, HttpMethod.Get, $"/api/collections/posts/records?perPage=1&filter=id='{sentinel}'");
        await PocketBaseLog.WaitForAsync(fixture.PocketBase, sentinel);

        ErrorShape.AssertProblem(answer, expected);
        Assert.Equal(200, stillServing.Status);
        Assert.Equal(0, await PocketBaseLog.CountAsync(fixture.PocketBase, marker));
    }

    [Fact]
    public async Task Create_BodyOverTheCap_413AndNotForwarded()
    {
        var marker = SocialData.Unique("big");
        var sentinel = SocialData.Unique("sentinel");
        var huge = "{\"content\":\"" + new string('x', 1024 * 1024 + 16) + "\"}";

        var answer = await Exchange.SendAsync(
            fixture.Gateway, HttpMethod.Post, $"/api/collections/posts/records?expand=author.{marker}", json: huge);
        await Exchange.SendAsync(
            fixture.Gateway, HttpMethod.Get, $"/api/collections/posts/records?perPage=1&filter=id='{sentinel}'");
        await PocketBaseLog.WaitForAsync(fixture.PocketBase, sentinel);

        ErrorShape.AssertProblem(answer, 413);
        Assert.Equal(0, await PocketBaseLog.CountAsync(fixture.PocketBase, marker));
    }

    [Fact]
    public async Task Create_InvalidUtf8_400AndNotForwarded()
    {
        var marker = SocialData.Unique("utf");
        using var request = new HttpRequestMessage(
            HttpMethod.Post, $"/api/collections/posts/records?expand=author.{marker}")
        {
            Content = new ByteArrayContent(
                [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}']),
        };
        request.Content.Headers.ContentType = new("application/json");

        using var response = await fixture.Gateway.SendAsync(request).Within("send invalid UTF-8");
        var answer = await Answer.ReadAsync(response);

        ErrorShape.AssertProblem(answer, 400);
        Assert.Equal("Failed to load the submitted data due to invalid formatting.", (string?)answer.Json!["message"]);
    }
}
