using System.Text.Json.Nodes;

namespace Hapta.Realtime.Tests;

/// <summary>One server-sent event (or, with <see cref="Comment"/> set, a comment line such as a heartbeat).</summary>
internal sealed record RealtimeFrame(string? Id, string? Event, string Data, string? Comment)
{
    public string? Action => Data.Length == 0 ? null : (string?)JsonNode.Parse(Data)?["action"];

    public JsonObject? Record => Data.Length == 0 ? null : JsonNode.Parse(Data)?["record"] as JsonObject;
}
