using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Hapta.Tests.Infrastructure;

/// <summary>
/// A signed-up user of the demo schema: its record id, its PocketBase token (for PocketBase direct) and, when
/// it also logged in through Hapta, its Hapta token.
/// </summary>
internal sealed record TestUser(string Id, string Username, string Email, string Password, string Token)
{
    public string? HaptaToken { get; init; }
}

/// <summary>
/// Creates the data a test reads, under fresh names, directly in PocketBase (never through Hapta), so
/// that each test owns its data and none depends on another's.
/// </summary>
internal static class SocialData
{
    public static string Unique(string prefix) =>
        prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    /// <summary>Signs up at PocketBase, logs in there and, given a gateway, through Hapta as well.</summary>
    public static async Task<TestUser> SignUpAsync(HttpClient pocketBase, HttpClient? gateway = null)
    {
        var username = Unique("u");
        var email = username + "@example.com";
        var password = "pw-" + Unique("");
        using (var created = await pocketBase.PostAsJsonAsync(
            "/api/collections/users/records",
            new { username, email, password, passwordConfirm = password, name = "Test " + username }))
        {
            await EnsureAsync(created, "sign up");
        }

        using var login = await pocketBase.PostAsJsonAsync(
            "/api/collections/users/auth-with-password", new { identity = username, password });
        await EnsureAsync(login, "log in");
        var body = (await login.Content.ReadFromJsonAsync<JsonObject>())!;
        var user = new TestUser((string)body["record"]!["id"]!, username, email, password, (string)body["token"]!);
        return gateway is null ? user : user with { HaptaToken = await LogInAsync(gateway, user) };
    }

    /// <summary>Logs <paramref name="user"/> in through Hapta and returns the Hapta token.</summary>
    public static async Task<string> LogInAsync(HttpClient gateway, TestUser user)
    {
        using var login = await gateway.PostAsJsonAsync(
            "/api/collections/users/auth-with-password", new { identity = user.Username, password = user.Password });
        await EnsureAsync(login, "log in through Hapta");
        var body = (await login.Content.ReadFromJsonAsync<JsonObject>())!;
        return (string)body["token"]!;
    }

    public static async Task<JsonObject> CreatePostAsync(
        HttpClient pocketBase,
        TestUser author,
        bool isPublic,
        string? content = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/collections/posts/records")
        {
            Content = JsonContent.Create(new
            {
                author = author.Id,
                content = content ?? "post " + Unique(""),
                @public = isPublic,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", author.Token);
        using var response = await pocketBase.SendAsync(request);
        await EnsureAsync(response, "create post");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> CreateCommentAsync(
        HttpClient pocketBase,
        TestUser author,
        string postId,
        string content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/collections/comments/records")
        {
            Content = JsonContent.Create(new { post = postId, author = author.Id, content }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", author.Token);
        using var response = await pocketBase.SendAsync(request);
        await EnsureAsync(response, "create comment");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{what}: PocketBase answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
