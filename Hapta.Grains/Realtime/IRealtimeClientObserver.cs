using System.Collections.Immutable;

namespace Hapta.Realtime;

/// <summary>A realtime connection on the silo holding it, told of its subscriptions wherever they were set.</summary>
[Alias("Hapta.Realtime.IRealtimeClientObserver")]
public interface IRealtimeClientObserver : IGrainObserver
{
    [Alias("SubscribeAsync")]
    Task SubscribeAsync(RealtimeOwner owner, ImmutableArray<string> topics);

    /// <summary>
    /// Hands an OAuth2 provider's answer to a client subscribed to <c>@oauth2</c>, once; false when it is not.
    /// </summary>
    [Alias("OAuth2Async")]
    Task<bool> OAuth2Async(string? code, string? error);
}
