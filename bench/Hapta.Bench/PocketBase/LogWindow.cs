namespace Hapta.Bench.PocketBase;

/// <summary>The time one target was under load; PocketBase's request log is counted per window.</summary>
internal sealed record LogWindow(DateTimeOffset Start, DateTimeOffset End);
