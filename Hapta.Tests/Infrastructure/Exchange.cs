using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Hapta.Tests.Infrastructure;

/// <summary>One HTTP answer, read whole: status, content type and JSON body (null when empty or not JSON).</summary>
internal sealed record Answer(int Status, string? ContentType, string Text, JsonNode? Json)
{
    public static async Task<Answer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, json);
    }

    public override string ToString() => $"{Status} {Text}";
}

/// <summary>Sends the same request to PocketBase directly and to Hapta, for side-by-side comparison.</summary>
internal static class Exchange
{
    public static async Task<Answer> SendAsync(
        HttpClient client,
        HttpMethod method,
        string path,
        string? token = null,
        string? json = null,
        string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await client.SendAsync(request).Within($"{method} {path}");
        return await Answer.ReadAsync(response);
    }

    /// <summary>The same request as <paramref name="user"/>: with its PocketBase token direct, its Hapta token through Hapta.</summary>
    public static async Task<(Answer Direct, Answer Gateway)> BothAsync(
        GatewayFixture fixture,
        HttpMethod method,
        string path,
        TestUser? user = null,
        string? json = null)
    {
        var direct = await SendAsync(fixture.Direct, method, path, user?.Token, json);
        var gateway = await SendAsync(fixture.Gateway, method, path, user?.HaptaToken, json);
        return (direct, gateway);
    }

    /// <summary>
    /// Asserts that Hapta answered as PocketBase did: the same status; for a success the same JSON; for an
    /// error PocketBase's <c>code</c>, <c>message</c> and <c>data</c> unchanged plus RFC 9457's members.
    /// </summary>
    public static void AssertSame(Answer direct, Answer gateway)
    {
        Assert.True(direct.Status == gateway.Status, $"status: PocketBase {direct}, Hapta {gateway}");
        if (direct.Status < 400)
        {
            Assert.True(
                JsonNode.DeepEquals(direct.Json, gateway.Json),
                $"body differs:\nPocketBase {direct.Text}\nHapta      {gateway.Text}");
            return;
        }

        ErrorShape.AssertProblem(gateway, direct.Status);
        foreach (var member in new[] { "code", "message", "data" })
        {
            Assert.True(
                JsonNode.DeepEquals(direct.Json?[member], gateway.Json?[member]),
                $"error member '{member}' differs:\nPocketBase {direct.Text}\nHapta      {gateway.Text}");
        }
    }
}
