using Orleans.Runtime;
using Microsoft.Extensions.Logging;

namespace Hapta.Sessions;

internal sealed class UserSessionsGrain(
    [PersistentState("user-sessions")] IPersistentState<UserSessionsState> state,
    IGrainFactory grains,
    ILogger<UserSessionsGrain> logger) : Grain, IUserSessionsGrain
{
    public async Task AddAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (state.State.SessionIds.Add(sessionId))
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public async Task RemoveAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (state.State.SessionIds.Remove(sessionId))
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public async Task<int> RevokeAllAsync(string reason, CancellationToken cancellationToken)
    {
        // Each session removes itself from this grain as it ends; the calls interleave with ours only at
        // awaits, so the set is copied first.
        var sessions = state.State.SessionIds.ToList();
        await Task.WhenAll(sessions.Select(id => grains.GetGrain<ISessionGrain>(id).RevokeAsync(reason, cancellationToken)));
        state.State.SessionIds.Clear();
        await state.WriteStateAsync(cancellationToken);
        logger.UserSessionsRevoked(sessions.Count, this.GetPrimaryKeyString(), reason);
        return sessions.Count;
    }

    public Task<int> CountAsync() => Task.FromResult(state.State.SessionIds.Count);
}
