using System.Collections.Immutable;
using System.Threading.Channels;

namespace Hapta.Realtime;

/// <summary>
/// One open <c>GET /api/realtime</c> stream on this silo: its id, the frames waiting to be written, and the
/// subscriptions and owner that <see cref="ISubscriptionGrain"/> passed on (as the grain observer).
/// </summary>
internal sealed class RealtimeClient : IRealtimeClientObserver
{
    private volatile State _state = new(RealtimeOwner.Guest, []);

    public RealtimeClient(string id, int maxQueued)
    {
        Id = id;
        Outbox = Channel.CreateBounded<string>(new BoundedChannelOptions(maxQueued)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public string Id { get; }

    public Channel<string> Outbox { get; }

    public RealtimeOwner Owner => _state.Owner;

    public ImmutableArray<RealtimeTopic> Topics => _state.Topics;

    /// <summary>Queues a frame; false when the client is too far behind, which ends its stream.</summary>
    public bool Send(string frame)
    {
        if (Outbox.Writer.TryWrite(frame))
        {
            return true;
        }

        Outbox.Writer.TryComplete();
        return false;
    }

    public Task SubscribeAsync(RealtimeOwner owner, ImmutableArray<string> topics)
    {
        var parsed = topics.Select(static t => RealtimeTopic.Parse(t).Topic).OfType<RealtimeTopic>().ToImmutableArray();
        _state = new State(owner, parsed);
        return Task.CompletedTask;
    }

    private sealed record State(RealtimeOwner Owner, ImmutableArray<RealtimeTopic> Topics);
}
