using Orleans.Runtime;
using System.Net;
using Hapta.PocketBase;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hapta.Sessions;

/// <summary>
/// One session and its rolling tokens.
/// </summary>
/// <remarks>
/// <para>
/// The model. A client holds a Hapta token naming this session and a generation. The grain remembers the
/// current generation and when the previous one was retired; the user's PocketBase token never leaves it.
/// Every ordinary request asks <see cref="AuthorizeAsync"/>: the current generation passes, the previous one
/// passes for <see cref="HaptaSessionOptions.GraceWindow"/> after the rotation (requests already in flight when
/// the client refreshed), anything else is stale.
/// </para>
/// <para>
/// Rotation and reuse (RFC 9700 §4.14.2). <c>auth-refresh</c> with the current generation mints the next one;
/// the new generation is written to storage before the answer leaves, so a silo dying right after cannot
/// resurrect the old one. <c>auth-refresh</c> with any older generation means two parties hold this
/// session's tokens, and Hapta cannot tell the thief from the owner: the whole session is revoked, and both
/// lose it. One exception closes a race that is not theft: the same token refreshed twice within
/// <see cref="HaptaSessionOptions.ConcurrentRefreshWindow"/> (two tabs, a client retry) gets the same successor
/// again, so a burst of concurrent refreshes yields exactly one new generation.
/// </para>
/// <para>
/// Races. The grain is not reentrant: concurrent calls run one at a time, so the generation check and the
/// increment cannot interleave. Upstream calls (renewing the PocketBase token) happen inside the turn for the
/// same reason.
/// </para>
/// </remarks>
internal sealed partial class SessionGrain(
    [PersistentState("session")] IPersistentState<SessionState> state,
    IPocketBaseApi pocketBase,
    IGrainFactory grains,
    RateLimiting.UpstreamAdmission admission,
    IOptions<HaptaSessionOptions> options,
    TimeProvider time,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    private SessionState S => state.State;

    private HaptaSessionOptions Options => options.Value;

    private string SessionId => this.GetPrimaryKeyString();

    public async Task<SessionTicket> StartAsync(SessionStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var now = time.GetUtcNow();
        state.State = new SessionState
        {
            UserId = start.UserId,
            CollectionId = start.CollectionId,
            CollectionName = start.CollectionName,
            PocketBaseToken = start.PocketBaseToken,
            PocketBaseTokenExpiresAt = AuthAnswer.ExpiryOf(start.PocketBaseToken) ?? now,
            Generation = 1,
            CurrentExpiresAt = NextExpiry(now, now),
            PreviousRetiredAt = DateTimeOffset.MinValue,
            CreatedAt = now,
            LastSeenAt = now,
            ClientIp = Options.BindToClientIp ? start.ClientIp : null,
        };
        await state.WriteStateAsync(cancellationToken);
        await grains.GetGrain<IUserSessionsGrain>(IUserSessionsGrain.KeyOf(S.CollectionId, S.UserId))
            .AddAsync(SessionId, cancellationToken);
        logger.SessionStarted(SessionId, S.UserId);
        return Ticket();
    }

    public async Task<SessionCheck> AuthorizeAsync(
        long generation,
        string? clientIp,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await RefuseAsync(now, clientIp, cancellationToken) is { } refusal)
        {
            return SessionCheck.Denied(refusal);
        }

        var inGrace = generation == S.Generation - 1 && now - S.PreviousRetiredAt <= Options.GraceWindow;
        if (generation != S.Generation && !inGrace)
        {
            logger.StaleGenerationRefused(SessionId, generation, S.Generation);
            return SessionCheck.Denied(SessionStatus.Stale);
        }

        if (S.PocketBaseTokenExpiresAt - now < Options.PocketBaseTokenRenewBefore)
        {
            var renewal = await RenewPocketBaseTokenAsync(RecordQuery.Empty, cancellationToken);
            if (renewal.Status != SessionStatus.Valid)
            {
                return SessionCheck.Denied(renewal.Status);
            }
        }

        await TouchAsync(now, cancellationToken);
        return new SessionCheck { Status = SessionStatus.Valid, PocketBaseToken = S.PocketBaseToken };
    }

    public async Task<RotationResult> RotateAsync(
        long generation,
        RecordQuery query,
        string? clientIp,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await RefuseAsync(now, clientIp, cancellationToken) is { } refusal)
        {
            return new RotationResult { Status = refusal };
        }

        var racedRefresh = generation == S.Generation - 1
            && now - S.PreviousRetiredAt <= Options.ConcurrentRefreshWindow;
        if (generation != S.Generation && !racedRefresh)
        {
            logger.TokenReuseDetected(SessionId, S.UserId, generation, S.Generation);
            await EndAsync("token reuse", cancellationToken);
            return new RotationResult { Status = SessionStatus.Reused };
        }

        // The generation moves only once PocketBase renewed the user's token and answered with the record.
        var renewal = await RenewPocketBaseTokenAsync(query, cancellationToken);
        if (renewal.Status != SessionStatus.Valid || renewal.Body is null)
        {
            return renewal;
        }

        if (!racedRefresh)
        {
            S.Generation++;
            S.PreviousRetiredAt = now;
            S.CurrentExpiresAt = NextExpiry(now, S.CreatedAt);
        }

        S.LastSeenAt = now;
        await state.WriteStateAsync(cancellationToken);
        logger.SessionRotated(SessionId, S.Generation);
        return renewal with { Ticket = Ticket() };
    }

    public Task<SessionView> DescribeAsync() => Task.FromResult(new SessionView
    {
        Silo = RuntimeIdentity,
        Live = S.Generation > 0,
        UserId = S.Generation > 0 ? S.UserId : null,
        CollectionId = S.Generation > 0 ? S.CollectionId : null,
        Generation = S.Generation,
        CreatedAt = S.CreatedAt,
        LastSeenAt = S.LastSeenAt,
    });

    public Task RevokeAsync(string reason, CancellationToken cancellationToken) =>
        S.Generation == 0 ? Task.CompletedTask : EndAsync(reason, cancellationToken);

    private SessionTicket Ticket() => new()
    {
        SessionId = SessionId,
        UserId = S.UserId,
        CollectionId = S.CollectionId,
        Generation = S.Generation,
        ExpiresAt = S.CurrentExpiresAt,
    };

    /// <summary>A token lives as long as the session could stay idle, never past the absolute lifetime.</summary>
    private DateTimeOffset NextExpiry(DateTimeOffset now, DateTimeOffset createdAt)
    {
        var idle = now + Options.IdleTimeout;
        var absolute = createdAt + Options.AbsoluteLifetime;
        return idle < absolute ? idle : absolute;
    }

    private async Task<SessionStatus?> RefuseAsync(
        DateTimeOffset now,
        string? clientIp,
        CancellationToken cancellationToken)
    {
        if (S.Generation == 0)
        {
            return SessionStatus.Unknown;
        }

        if (now - S.LastSeenAt >= Options.IdleTimeout || now - S.CreatedAt >= Options.AbsoluteLifetime)
        {
            await EndAsync("expired", cancellationToken);
            return SessionStatus.Expired;
        }

        if (S.ClientIp is not null && !string.Equals(S.ClientIp, clientIp, StringComparison.Ordinal))
        {
            logger.ClientMismatch(SessionId);
            return SessionStatus.WrongClient;
        }

        return null;
    }

    /// <summary>
    /// Asks PocketBase for a fresh token of the user (its <c>auth-refresh</c>), which also returns the current
    /// record. PocketBase refusing it means the user is gone or changed password: the session ends.
    /// </summary>
    private async Task<RotationResult> RenewPocketBaseTokenAsync(RecordQuery query, CancellationToken cancellationToken)
    {
        var answer = await UpstreamCall.SendAsync(
            admission,
            ct => pocketBase.AuthRefreshAsync(S.CollectionName, S.PocketBaseToken, query, ct),
            "refresh a user's token",
            logger,
            cancellationToken);
        if (answer.Outcome != UpstreamOutcome.Answered)
        {
            return new RotationResult { Status = SessionStatus.Valid, Upstream = answer };
        }

        if (answer.Status is (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden
            or (int)HttpStatusCode.NotFound)
        {
            await EndAsync("refused by PocketBase", cancellationToken);
            return new RotationResult { Status = SessionStatus.EndedByPocketBase, Upstream = answer };
        }

        if (!answer.IsSuccess
            || !AuthAnswer.TrySplit(answer.Body, out var token, out _, out _, out var withoutToken))
        {
            return new RotationResult { Status = SessionStatus.Valid, Upstream = answer };
        }

        S.PocketBaseToken = token;
        S.PocketBaseTokenExpiresAt = AuthAnswer.ExpiryOf(token) ?? time.GetUtcNow();
        await state.WriteStateAsync(cancellationToken);
        return new RotationResult { Status = SessionStatus.Valid, Body = withoutToken };
    }

    private async Task TouchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var unwritten = now - S.LastSeenAt >= Options.LastSeenWriteInterval;
        S.LastSeenAt = now;
        if (unwritten)
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    private async Task EndAsync(string reason, CancellationToken cancellationToken)
    {
        var (collectionId, userId) = (S.CollectionId, S.UserId);
        await state.ClearStateAsync(cancellationToken);
        state.State = new SessionState();
        await grains.GetGrain<IUserSessionsGrain>(IUserSessionsGrain.KeyOf(collectionId, userId))
            .RemoveAsync(SessionId, cancellationToken);
        logger.SessionEnded(SessionId, userId, reason);
        DeactivateOnIdle();
    }
}
