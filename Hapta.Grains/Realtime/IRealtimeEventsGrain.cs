using System.Collections.Immutable;

namespace Hapta.Realtime;

/// <summary>
/// The cluster's one sequence of record events for realtime clients (key 0). The change feed publishes here; each
/// silo that holds realtime connections long-polls it and delivers to its own clients, so PocketBase keeps one
/// realtime connection however many clients Hapta has.
/// </summary>
[Alias("Hapta.Realtime.IRealtimeEventsGrain")]
public interface IRealtimeEventsGrain : IGrainWithIntegerKey
{
    [Alias("PublishAsync")]
    Task PublishAsync(ImmutableArray<RecordEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// The events after <paramref name="after"/> (-1: none, only the current position), waiting up to
    /// <paramref name="wait"/> for one.
    /// </summary>
    [Alias("PollAsync")]
    Task<EventBatch> PollAsync(long after, TimeSpan wait, CancellationToken cancellationToken);
}
