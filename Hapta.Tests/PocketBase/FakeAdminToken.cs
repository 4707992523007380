using System.Buffers.Text;
using System.Text.Json;

namespace Hapta.PocketBase.Tests;

/// <summary>
/// JWT-shaped admin tokens as PocketBase 0.22 issues them: header.payload.signature, the payload carrying
/// <c>exp</c>. The signature is filler: Hapta never verifies it, PocketBase does.
/// </summary>
internal static class FakeAdminToken
{
    public static string Create(DateTimeOffset expiresAt, string id = "admin")
    {
        var header = Encode(new { alg = "HS256", typ = "JWT" });
        var payload = Encode(new { id, type = "admin", exp = expiresAt.ToUnixTimeSeconds() });
        return $"{header}.{payload}.c2lnbmF0dXJl";
    }

    private static string Encode<T>(T value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
