using System.Collections.Immutable;

namespace Hapta.Realtime;

/// <summary>Events after a poller's position, and the position to poll from next.</summary>
[GenerateSerializer, Immutable, Alias("Hapta.Realtime.EventBatch")]
public sealed record EventBatch
{
    [Id(0)]
    public ImmutableArray<RecordEvent> Events { get; init; } = [];

    [Id(1)]
    public long Next { get; init; }
}
