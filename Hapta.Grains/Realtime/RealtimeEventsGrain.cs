using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Hapta.Realtime;

/// <summary>
/// Keeps the last <see cref="Capacity"/> events in memory. A poller that fell further behind (or a new activation)
/// simply continues from the oldest event kept: realtime, like PocketBase's, does not replay what a client missed.
/// </summary>
[Reentrant]
internal sealed class RealtimeEventsGrain(TimeProvider time) : Grain, IRealtimeEventsGrain
{
    internal const int Capacity = 10_000;

    private readonly Queue<RecordEvent> _log = new();
    private long _sequence;
    private TaskCompletionSource _published = NewSignal();

    public Task PublishAsync(ImmutableArray<RecordEvent> events, CancellationToken cancellationToken)
    {
        foreach (var recordEvent in events)
        {
            _log.Enqueue(recordEvent with { Sequence = ++_sequence });
        }

        while (_log.Count > Capacity)
        {
            _log.Dequeue();
        }

        if (!events.IsEmpty)
        {
            var published = _published;
            _published = NewSignal();
            published.TrySetResult();
        }

        return Task.CompletedTask;
    }

    public async Task<EventBatch> PollAsync(long after, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (after < 0)
        {
            return new EventBatch { Next = _sequence };
        }

        if (after >= _sequence && wait > TimeSpan.Zero)
        {
            await _published.Task.WaitAsync(wait, time, cancellationToken).ConfigureAwait(
                ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        var events = _log.Where(e => e.Sequence > after).ToImmutableArray();
        return new EventBatch { Events = events, Next = Math.Max(after, _sequence) };
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
