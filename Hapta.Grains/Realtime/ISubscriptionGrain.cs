using System.Collections.Immutable;

namespace Hapta.Realtime;

/// <summary>
/// One realtime client (key: its random id): which connection holds it and which session owns it (DESIGN §4,
/// SubscriptionGrain). <c>POST /api/realtime</c> may reach any silo; it comes here, and this passes the
/// subscriptions to the connection's silo.
/// </summary>
[Alias("Hapta.Realtime.ISubscriptionGrain")]
public interface ISubscriptionGrain : IGrainWithStringKey
{
    [Alias("AttachAsync")]
    Task AttachAsync(IRealtimeClientObserver connection);

    [Alias("DetachAsync")]
    Task DetachAsync();

    /// <summary>
    /// Sets the subscriptions. The first session to do so owns the client; a guest's client goes to the first
    /// session that logs in on it; anyone else is refused.
    /// </summary>
    [Alias("SubscribeAsync")]
    Task<SubscribeOutcome> SubscribeAsync(RealtimeOwner owner, ImmutableArray<string> topics);

    /// <summary>
    /// The provider's redirect of the all-in-one OAuth2 flow, whose <c>state</c> is this client's id: passes the code
    /// to the connection if it waits for one (<c>@oauth2</c>); false when there is no such client or it does not.
    /// </summary>
    [Alias("OAuth2RedirectAsync")]
    Task<bool> OAuth2RedirectAsync(string? code, string? error);
}
