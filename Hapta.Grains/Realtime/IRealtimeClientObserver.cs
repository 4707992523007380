using System.Collections.Immutable;

namespace Hapta.Realtime;

/// <summary>A realtime connection on the silo holding it, told of its subscriptions wherever they were set.</summary>
[Alias("Hapta.Realtime.IRealtimeClientObserver")]
public interface IRealtimeClientObserver : IGrainObserver
{
    [Alias("SubscribeAsync")]
    Task SubscribeAsync(RealtimeOwner owner, ImmutableArray<string> topics);
}
