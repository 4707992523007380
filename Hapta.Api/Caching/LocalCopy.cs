using System.Text.Json;

namespace Hapta.Caching;

/// <summary>One entry as this silo last received it from its grain, with how long it may serve it unasked.</summary>
internal sealed class LocalCopy(CachedResponse entry, long until)
{
    private JsonElement? _record;

    /// <summary>The entry, marked as a hit.</summary>
    public CachedResponse Entry { get; } = entry;

    /// <summary>The timestamp (<see cref="TimeProvider.GetTimestamp"/>) after which the grain is asked again.</summary>
    public long Until { get; } = until;

    /// <summary>
    /// The body read as JSON, once, for deciding visibility of a shared view on every request. Two threads may both
    /// read it the first time; either result is the same.
    /// </summary>
    public JsonElement Record => _record ??= JsonSerializer.Deserialize<JsonElement>(Entry.Response.Body);
}
