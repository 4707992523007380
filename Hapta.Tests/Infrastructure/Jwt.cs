using System.Buffers.Text;
using System.Text.Json.Nodes;

namespace Hapta.Tests.Infrastructure;

/// <summary>Reads a JWT's claims without verifying it, as an SDK does.</summary>
internal static class Jwt
{
    public static JsonObject Claims(string token) =>
        (JsonObject)JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))!;
}
