using System.Net;
using System.Text;
using System.Text.Json;

namespace Hapta.Sessions.Tests;

/// <summary>PocketBase's answers to a user's <c>auth-refresh</c>, as fresh messages (the caller disposes each).</summary>
internal static class AuthRefreshAnswer
{
    public static HttpResponseMessage Renewed(string token, string userId, string collectionId) =>
        Json(HttpStatusCode.OK, new
        {
            token,
            record = new { id = userId, collectionId, collectionName = "users", username = "ada", verified = true },
        });

    /// <summary>The record PocketBase answers with, as it should reach the client (no <c>token</c>).</summary>
    public static string RecordOnly(string userId, string collectionId) => JsonSerializer.Serialize(new
    {
        record = new { id = userId, collectionId, collectionName = "users", username = "ada", verified = true },
    });

    public static HttpResponseMessage Refused(HttpStatusCode status) =>
        Json(status, new { code = (int)status, message = "The request requires valid record authorization token.", data = new { } });

    private static HttpResponseMessage Json<T>(HttpStatusCode status, T body) => new(status)
    {
        RequestMessage = new HttpRequestMessage(HttpMethod.Post, "http://pocketbase.test/api/collections/users/auth-refresh"),
        Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
    };
}
