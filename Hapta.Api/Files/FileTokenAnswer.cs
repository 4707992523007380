using System.Text.Json.Serialization;

namespace Hapta.Files;

/// <summary>The answer of <c>POST /api/files/token</c>, shaped as PocketBase's: <c>{"token": "…"}</c>.</summary>
internal sealed record FileTokenAnswer([property: JsonPropertyName("token")] string Token);
