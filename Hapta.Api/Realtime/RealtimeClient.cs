using System.Collections.Immutable;
using System.Threading.Channels;

namespace Hapta.Realtime;

/// <summary>
/// One open <c>GET /api/realtime</c> stream on this silo: its id, the frames waiting to be written, and the
/// subscriptions and owner that <see cref="ISubscriptionGrain"/> passed on (as the grain observer).
/// </summary>
internal sealed class RealtimeClient : IRealtimeClientObserver
{
    /// <summary>The topic of the SDK's all-in-one OAuth2 flow, which waits for the provider's code.</summary>
    public const string OAuth2Topic = "@oauth2";

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

    /// <summary>
    /// Queues a frame; false only when this frame finds the client too far behind, which ends its stream (later
    /// frames for an ended stream are dropped quietly).
    /// </summary>
    public bool Send(string frame) => Outbox.Writer.TryWrite(frame) || !Outbox.Writer.TryComplete();

    public Task SubscribeAsync(RealtimeOwner owner, ImmutableArray<string> topics)
    {
        var parsed = topics.Select(static t => RealtimeTopic.Parse(t).Topic).OfType<RealtimeTopic>().ToImmutableArray();
        _state = new State(owner, parsed);
        return Task.CompletedTask;
    }

    public Task<bool> OAuth2Async(string? code, string? error)
    {
        var state = _state;
        if (!state.Topics.Any(static t => t.Raw == OAuth2Topic))
        {
            return Task.FromResult(false);
        }

        // One-shot, as in PocketBase: the client stops waiting for a code once it has one.
        _state = state with { Topics = state.Topics.RemoveAll(static t => t.Raw == OAuth2Topic) };
        var data = new System.Text.Json.Nodes.JsonObject { ["state"] = Id, ["code"] = code ?? "" };
        if (!string.IsNullOrEmpty(error))
        {
            data["error"] = error;
        }

        return Task.FromResult(Send($"id:{Id}\nevent:{OAuth2Topic}\ndata:{data.ToJsonString()}\n\n"));
    }

    private sealed record State(RealtimeOwner Owner, ImmutableArray<RealtimeTopic> Topics);
}
