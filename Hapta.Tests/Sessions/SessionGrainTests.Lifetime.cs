using System.Net;
using Hapta.PocketBase;
using Hapta.Testing;

namespace Hapta.Sessions.Tests;

public sealed partial class SessionGrainTests
{
    [Fact]
    public async Task AuthorizeAsync_IdleOneTickLessThanIdleTimeout_IsValid()
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");
        fixture.Time.Advance(SessionClusterFixture.IdleTimeout - Tick);

        var check = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize");

        Assert.Equal(SessionStatus.Valid, check.Status);
    }

    [Fact]
    public async Task AuthorizeAsync_IdleForIdleTimeout_IsExpiredThenUnknown()
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");
        fixture.Time.Advance(SessionClusterFixture.IdleTimeout);

        var first = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize: expiry");
        var second = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize: after expiry");

        Assert.Equal(SessionCheck.Denied(SessionStatus.Expired), first);
        Assert.Equal(SessionCheck.Denied(SessionStatus.Unknown), second);
        Assert.Equal(0, await UserSessions().CountAsync().Guarded("count after expiry"));
    }

    [Fact]
    public async Task AuthorizeAsync_UsedThroughoutTheIdleTimeout_StaysValid()
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");
        fixture.Time.Advance(TimeSpan.FromMinutes(40));
        await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize: at 40 min");
        fixture.Time.Advance(TimeSpan.FromMinutes(40));

        var check = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize: at 80 min");

        Assert.Equal(SessionStatus.Valid, check.Status);
    }

    [Fact]
    public async Task RotateAsync_IdleForIdleTimeout_IsExpiredWithoutAskingPocketBase()
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");
        RenewWith(PocketBaseToken("renewed"));
        fixture.Time.Advance(SessionClusterFixture.IdleTimeout);

        var result = await sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None).Guarded("rotate");

        Assert.Equal(new RotationResult { Status = SessionStatus.Expired }, result);
        Assert.Empty(fixture.AuthRefreshTokens());
        var check = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize after expiry");
        Assert.Equal(SessionStatus.Unknown, check.Status);
    }

    [Fact]
    public async Task AuthorizeAsync_ActiveUntilAbsoluteLifetime_IsExpiredThenUnknown()
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");
        fixture.Time.Advance(TimeSpan.FromMinutes(50));
        await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize: at 50 min");
        fixture.Time.Advance(SessionClusterFixture.AbsoluteLifetime - TimeSpan.FromMinutes(50) - Tick);
        var lastValid = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize: a tick before");
        fixture.Time.Advance(Tick);

        var first = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize: at absolute lifetime");
        var second = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize: after it");

        Assert.Equal(SessionStatus.Valid, lastValid.Status);
        Assert.Equal(SessionCheck.Denied(SessionStatus.Expired), first);
        Assert.Equal(SessionCheck.Denied(SessionStatus.Unknown), second);
    }

    [Fact]
    public async Task AuthorizeAsync_PocketBaseTokenWithinRenewBefore_RenewsItOnce()
    {
        var (sut, _) = CreateSut();
        var expiring = PocketBaseToken("expiring", SessionClusterFixture.PocketBaseTokenRenewBefore - TimeSpan.FromSeconds(1));
        await sut.StartAsync(Login(pocketBaseToken: expiring), CancellationToken.None).Guarded("start");
        var renewed = PocketBaseToken("renewed");
        RenewWith(renewed);

        var first = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize: renews");
        var second = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize: renewed");

        Assert.Equal(new SessionCheck { Status = SessionStatus.Valid, PocketBaseToken = renewed }, first);
        Assert.Equal(first, second);
        Assert.Equal([expiring], fixture.AuthRefreshTokens());
        Assert.Equal(renewed, (await fixture.ReadStoredSessionAsync(sut).Guarded("read storage")).PocketBaseToken);
    }

    [Fact]
    public async Task AuthorizeAsync_PocketBaseTokenExactlyRenewBeforeAway_IsNotRenewed()
    {
        var (sut, _) = CreateSut();
        var login = Login(pocketBaseToken: PocketBaseToken("login", SessionClusterFixture.PocketBaseTokenRenewBefore));
        await sut.StartAsync(login, CancellationToken.None).Guarded("start");
        RenewWith(PocketBaseToken("renewed"));

        var check = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize");

        Assert.Equal(new SessionCheck { Status = SessionStatus.Valid, PocketBaseToken = login.PocketBaseToken }, check);
        Assert.Empty(fixture.AuthRefreshTokens());
    }

    [Fact]
    public async Task AuthorizeAsync_PocketBaseTokenComingDue_IsRenewedWithoutTheClientNoticing()
    {
        var (sut, _) = CreateSut();
        var login = Login(pocketBaseToken: PocketBaseToken("login", TimeSpan.FromMinutes(30)));
        await sut.StartAsync(login, CancellationToken.None).Guarded("start");
        var renewed = PocketBaseToken("renewed", TimeSpan.FromDays(14));
        RenewWith(renewed);
        fixture.Time.Advance(TimeSpan.FromMinutes(20) + TimeSpan.FromSeconds(1));

        var check = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize");

        Assert.Equal(new SessionCheck { Status = SessionStatus.Valid, PocketBaseToken = renewed }, check);
        Assert.Equal([login.PocketBaseToken], fixture.AuthRefreshTokens());
    }

    [Fact]
    public async Task AuthorizeAsync_PocketBaseRefusesRenewal_EndsTheSession()
    {
        var (sut, _) = CreateSut();
        var expiring = PocketBaseToken("expiring", TimeSpan.FromMinutes(1));
        await sut.StartAsync(Login(pocketBaseToken: expiring), CancellationToken.None).Guarded("start");
        fixture.PocketBase.AuthRefresh = static _ => AuthRefreshAnswer.Refused(HttpStatusCode.Unauthorized);

        var first = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize: refused renewal");
        var second = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize: after it");

        Assert.Equal(SessionCheck.Denied(SessionStatus.EndedByPocketBase), first);
        Assert.Equal(SessionCheck.Denied(SessionStatus.Unknown), second);
        Assert.Equal([expiring], fixture.AuthRefreshTokens());
        Assert.Equal(0, await UserSessions().CountAsync().Guarded("count after refusal"));
    }

    [Fact]
    public async Task AuthorizeAsync_PocketBaseUnreachableDuringRenewal_StaysValidWithTheOldToken()
    {
        var (sut, _) = CreateSut();
        var expiring = PocketBaseToken("expiring", TimeSpan.FromMinutes(1));
        await sut.StartAsync(Login(pocketBaseToken: expiring), CancellationToken.None).Guarded("start");
        fixture.PocketBase.AuthRefresh = static _ => throw new HttpRequestException("connection refused");

        var check = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize");

        Assert.Equal(new SessionCheck { Status = SessionStatus.Valid, PocketBaseToken = expiring }, check);
        Assert.Equal([expiring], fixture.AuthRefreshTokens());
    }
}
