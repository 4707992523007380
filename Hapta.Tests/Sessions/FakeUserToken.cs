using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Hapta.Sessions.Tests;

/// <summary>
/// JWT-shaped user tokens as PocketBase 0.22 issues them (<c>id</c>, <c>type: "authRecord"</c>,
/// <c>collectionId</c>, <c>exp</c>). The signature carries <c>label</c>, so that tokens minted at the same instant
/// differ and a failure names the one it saw; nobody verifies it here.
/// </summary>
internal static class FakeUserToken
{
    public static string Create(string userId, string collectionId, DateTimeOffset expiresAt, string label)
    {
        var header = Encode(new { alg = "HS256", typ = "JWT" });
        var payload = Encode(new { collectionId, exp = expiresAt.ToUnixTimeSeconds(), id = userId, type = "authRecord" });
        return $"{header}.{payload}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(label))}";
    }

    private static string Encode<T>(T value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
