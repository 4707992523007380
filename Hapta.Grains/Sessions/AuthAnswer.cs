using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hapta.Sessions;

/// <summary>
/// Reads PocketBase's <c>{token, record, …}</c> answers: takes the token out (it stays in the session grain)
/// and reads claims of PocketBase tokens, which Hapta cannot verify (PocketBase keeps its secret) and reads
/// only from answers PocketBase itself just gave or accepted.
/// </summary>
internal static class AuthAnswer
{
    public static bool TrySplit(
        byte[] body,
        out string pocketBaseToken,
        out string userId,
        out string collectionId,
        out byte[] withoutToken)
    {
        pocketBaseToken = userId = collectionId = "";
        withoutToken = [];
        JsonObject? answer;
        try
        {
            answer = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return false;
        }

        if (answer?["token"] is not JsonValue token || !token.TryGetValue(out string? tokenText)
            || answer["record"] is not JsonObject record
            || record["id"]?.GetValue<string>() is not { Length: > 0 } id
            || record["collectionId"]?.GetValue<string>() is not { Length: > 0 } collection)
        {
            return false;
        }

        answer.Remove("token");
        pocketBaseToken = tokenText;
        userId = id;
        collectionId = collection;
        withoutToken = JsonSerializer.SerializeToUtf8Bytes(answer);
        return true;
    }

    /// <summary>The <c>exp</c> of a PocketBase JWT, or <see langword="null"/> when it cannot be read.</summary>
    public static DateTimeOffset? ExpiryOf(string jwt) =>
        Claims(jwt) is { } claims && claims.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>The <c>id</c> and <c>collectionId</c> claims of a PocketBase record token (e.g. a reset token).</summary>
    public static (string UserId, string CollectionId)? SubjectOf(string jwt) =>
        Claims(jwt) is { } claims
        && claims.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
        && claims.TryGetProperty("collectionId", out var collection) && collection.ValueKind == JsonValueKind.String
            ? (id.GetString()!, collection.GetString()!)
            : null;

    private static JsonElement? Claims(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3 || !Base64Url.IsValid(parts[1]))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
