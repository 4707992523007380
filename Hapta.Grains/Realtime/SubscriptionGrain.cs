using System.Collections.Immutable;

namespace Hapta.Realtime;

/// <summary>Lives as long as its connection; nothing is persisted (a client reconnects after a silo is lost).</summary>
internal sealed class SubscriptionGrain : Grain, ISubscriptionGrain
{
    private IRealtimeClientObserver? _connection;
    private string? _ownerSession;

    public Task AttachAsync(IRealtimeClientObserver connection)
    {
        _connection = connection;
        return Task.CompletedTask;
    }

    public Task DetachAsync()
    {
        _connection = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task<SubscribeOutcome> SubscribeAsync(RealtimeOwner owner, ImmutableArray<string> topics)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (_connection is null)
        {
            DeactivateOnIdle();
            return SubscribeOutcome.UnknownClient;
        }

        if (_ownerSession is not null && !string.Equals(_ownerSession, owner.SessionId, StringComparison.Ordinal))
        {
            return SubscribeOutcome.Forbidden;
        }

        _ownerSession ??= owner.SessionId;
        try
        {
            await _connection.SubscribeAsync(owner, topics);
            return SubscribeOutcome.Done;
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            // The connection's silo is gone, and the connection with it.
            _connection = null;
            DeactivateOnIdle();
            return SubscribeOutcome.UnknownClient;
        }
    }

    public async Task<bool> OAuth2RedirectAsync(string? code, string? error)
    {
        if (_connection is null)
        {
            DeactivateOnIdle();
            return false;
        }

        try
        {
            return await _connection.OAuth2Async(code, error);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            _connection = null;
            DeactivateOnIdle();
            return false;
        }
    }
}
