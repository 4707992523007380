using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Hapta.Realtime;

/// <summary>
/// One subscription as PocketBase 0.22 reads it: <c>collection/*</c> (or the older <c>collection</c>) for every
/// record under the list rule, <c>collection/RECORD_ID</c> for one record under the view rule, each optionally
/// followed by <c>?options={"query":{…},"headers":{…}}</c>; events carry the subscription as it was written.
/// </summary>
internal sealed record RealtimeTopic(string Raw, string Collection, string? RecordId, string? Expand, string? Fields)
{
    public const int MaxLength = 2048;

    /// <summary>The topic, or why it cannot be one (<see langword="null"/> topic).</summary>
    public static (RealtimeTopic? Topic, string? Problem) Parse(string raw)
    {
        if (raw.Length is 0 or > MaxLength || raw.Any(char.IsControl))
        {
            return (null, $"A topic is 1 to {MaxLength} characters without control characters.");
        }

        var question = raw.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? raw : raw[..question];
        string? expand = null;
        string? fields = null;
        if (question >= 0)
        {
            var options = QueryHelpers.ParseQuery(raw[question..]).GetValueOrDefault("options").ToString();
            if (options.Length > 0 && !TryReadOptions(options, out expand, out fields))
            {
                return (null, "A topic's options must be JSON: {\"query\":{…},\"headers\":{…}}.");
            }
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var collection = slash < 0 ? path : path[..slash];
        var record = slash < 0 ? "*" : path[(slash + 1)..];
        return collection.Length == 0 || record.Length == 0 || record.Contains('/', StringComparison.Ordinal)
            ? (null, "A topic is collection/* or collection/RECORD_ID.")
            : (new RealtimeTopic(raw, collection, record == "*" ? null : record, expand, fields), null);
    }

    private static bool TryReadOptions(string json, out string? expand, out string? fields)
    {
        expand = fields = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (document.RootElement.TryGetProperty("query", out var query) && query.ValueKind == JsonValueKind.Object)
            {
                expand = Text(query, "expand");
                fields = Text(query, "fields");
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement query, string name) =>
        query.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
