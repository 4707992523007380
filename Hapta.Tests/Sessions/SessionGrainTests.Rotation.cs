using System.Net;
using System.Text.Json.Nodes;
using Hapta.PocketBase;
using Hapta.Testing;

namespace Hapta.Sessions.Tests;

public sealed partial class SessionGrainTests
{
    [Fact]
    public async Task RotateAsync_CurrentGeneration_ReturnsGenerationTwoAndTheRecordWithoutToken()
    {
        var (sut, sessionId) = CreateSut();
        var login = Login();
        await sut.StartAsync(login, CancellationToken.None).Guarded("start");
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        RenewWith(PocketBaseToken("renewed"));

        var result = await sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None).Guarded("rotate");

        Assert.Equal(SessionStatus.Valid, result.Status);
        var expected = new SessionTicket
        {
            SessionId = sessionId,
            UserId = _userId,
            CollectionId = CollectionId,
            Generation = 2,
            ExpiresAt = fixture.Time.GetUtcNow() + SessionClusterFixture.IdleTimeout,
        };
        Assert.Equal(expected, result.Ticket);
        Assert.NotNull(result.Body);
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(AuthRefreshAnswer.RecordOnly(_userId, CollectionId)), JsonNode.Parse(result.Body)),
            "body: " + System.Text.Encoding.UTF8.GetString(result.Body));
        Assert.Null(result.Upstream);
        Assert.Equal([login.PocketBaseToken], fixture.AuthRefreshTokens());
    }

    [Fact]
    public async Task AuthorizeAsync_AfterRotation_ReturnsTheRenewedPocketBaseToken()
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");
        var renewed = PocketBaseToken("renewed");
        RenewWith(renewed);
        await sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None).Guarded("rotate");

        var check = await sut.AuthorizeAsync(2, null, CancellationToken.None).Guarded("authorize generation 2");

        Assert.Equal(new SessionCheck { Status = SessionStatus.Valid, PocketBaseToken = renewed }, check);
    }

    [Fact]
    public async Task RotateAsync_NearAbsoluteLifetime_ExpiryIsCappedAtAbsoluteLifetime()
    {
        var (sut, _) = CreateSut();
        var created = fixture.Time.GetUtcNow();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");
        fixture.Time.Advance(TimeSpan.FromMinutes(50));
        RenewWith(PocketBaseToken("renewed"));

        var result = await sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None).Guarded("rotate");

        Assert.Equal(2, result.Ticket?.Generation);
        Assert.Equal(created + SessionClusterFixture.AbsoluteLifetime, result.Ticket?.ExpiresAt);
    }

    [Fact]
    public async Task RotateAsync_CurrentGeneration_IsStoredBeforeItReturns()
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");
        var renewed = PocketBaseToken("renewed");
        RenewWith(renewed);
        var rotatedAt = fixture.Time.GetUtcNow();

        await sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None).Guarded("rotate");

        var stored = await fixture.ReadStoredSessionAsync(sut).Guarded("rotate: read storage");
        Assert.Equal(2, stored.Generation);
        Assert.Equal(rotatedAt, stored.PreviousRetiredAt);
        Assert.Equal(rotatedAt + SessionClusterFixture.IdleTimeout, stored.CurrentExpiresAt);
        Assert.Equal(renewed, stored.PocketBaseToken);
    }

    [Fact]
    public async Task AuthorizeAsync_AfterRotationAndDeactivation_BothGenerationsKeepTheirStanding()
    {
        // Last seen is written at most once a minute, so a fresh activation shows the rotation's instant, not the
        // later request's: that is how this test knows the grain really was deactivated and read storage again.
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");
        var renewed = PocketBaseToken("renewed");
        RenewWith(renewed);
        var rotatedAt = fixture.Time.GetUtcNow();
        await sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None).Guarded("rotate");
        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        await sut.AuthorizeAsync(2, null, CancellationToken.None).Guarded("authorize before deactivation");
        await fixture.DeactivateAsync(sut).Guarded("deactivate");
        fixture.Time.Advance(SessionClusterFixture.GraceWindow - TimeSpan.FromSeconds(5));

        var view = await sut.DescribeAsync().Guarded("reactivated: describe");
        var current = await sut.AuthorizeAsync(2, null, CancellationToken.None).Guarded("reactivated: generation 2");
        var retired = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("reactivated: generation 1");

        Assert.Equal(rotatedAt, view.LastSeenAt);
        Assert.Equal(2, view.Generation);
        Assert.Equal(new SessionCheck { Status = SessionStatus.Valid, PocketBaseToken = renewed }, current);
        Assert.Equal(new SessionCheck { Status = SessionStatus.Valid, PocketBaseToken = renewed }, retired);
    }

    [Fact]
    public async Task AuthorizeAsync_RetiredGenerationAtGraceWindow_IsValidWithTheRenewedToken()
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");
        var renewed = PocketBaseToken("renewed");
        RenewWith(renewed);
        await sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None).Guarded("rotate");
        fixture.Time.Advance(SessionClusterFixture.GraceWindow);

        var check = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize generation 1");

        Assert.Equal(new SessionCheck { Status = SessionStatus.Valid, PocketBaseToken = renewed }, check);
    }

    [Fact]
    public async Task AuthorizeAsync_RetiredGenerationOneTickPastGraceWindow_IsStale()
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");
        RenewWith(PocketBaseToken("renewed"));
        await sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None).Guarded("rotate");
        fixture.Time.Advance(SessionClusterFixture.GraceWindow + Tick);

        var check = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize generation 1");

        Assert.Equal(SessionCheck.Denied(SessionStatus.Stale), check);
        var current = await sut.AuthorizeAsync(2, null, CancellationToken.None).Guarded("authorize generation 2");
        Assert.Equal(SessionStatus.Valid, current.Status);
    }

    [Fact]
    public async Task RotateAsync_RetiredGenerationAfterConcurrentRefreshWindow_IsReuseAndEndsTheSession()
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");
        RenewWith(PocketBaseToken("renewed"));
        await sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None).Guarded("rotate");
        var listed = await UserSessions().CountAsync().Guarded("count before reuse");
        fixture.Time.Advance(SessionClusterFixture.ConcurrentRefreshWindow + Tick);

        var result = await sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None).Guarded("rotate: reuse");

        Assert.Equal(new RotationResult { Status = SessionStatus.Reused }, result);
        Assert.Single(fixture.AuthRefreshTokens());
        var current = await sut.AuthorizeAsync(2, null, CancellationToken.None).Guarded("authorize generation 2");
        Assert.Equal(SessionCheck.Denied(SessionStatus.Unknown), current);
        var retired = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize generation 1");
        Assert.Equal(SessionCheck.Denied(SessionStatus.Unknown), retired);
        Assert.Equal(1, listed);
        Assert.Equal(0, await UserSessions().CountAsync().Guarded("count after reuse"));
    }

    [Fact]
    public async Task RotateAsync_OlderThanThePreviousGeneration_IsReuseEvenWithinTheWindow()
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");
        RenewWith(PocketBaseToken("renewed"));
        await sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None).Guarded("rotate 1 to 2");
        await sut.RotateAsync(2, RecordQuery.Empty, null, CancellationToken.None).Guarded("rotate 2 to 3");

        var result = await sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None).Guarded("rotate: reuse");

        Assert.Equal(SessionStatus.Reused, result.Status);
        var current = await sut.AuthorizeAsync(3, null, CancellationToken.None).Guarded("authorize generation 3");
        Assert.Equal(SessionStatus.Unknown, current.Status);
    }

    [Fact]
    public async Task RotateAsync_TwoConcurrentCallsWithOneGeneration_BothGetTheSameSuccessor()
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");
        RenewWith(PocketBaseToken("renewed"));

        var results = await Task.WhenAll(
                sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None),
                sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None))
            .Guarded("rotate: two concurrent refreshes");

        Assert.All(results, static r => Assert.Equal(SessionStatus.Valid, r.Status));
        Assert.Equal(2, results[0].Ticket?.Generation);
        Assert.Equal(results[0].Ticket, results[1].Ticket);
        Assert.Equal(2, (await sut.DescribeAsync().Guarded("describe")).Generation);
    }

    [Fact]
    public async Task RotateAsync_SameGenerationAtConcurrentRefreshWindow_GetsTheSameSuccessor()
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");
        RenewWith(PocketBaseToken("renewed"));
        var first = await sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None).Guarded("rotate: first");
        fixture.Time.Advance(SessionClusterFixture.ConcurrentRefreshWindow);

        var third = await sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None).Guarded("rotate: late");

        Assert.Equal(SessionStatus.Valid, third.Status);
        Assert.Equal(2, third.Ticket?.Generation);
        Assert.Equal(first.Ticket, third.Ticket);
        Assert.Equal(2, (await sut.DescribeAsync().Guarded("describe")).Generation);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task RotateAsync_PocketBaseRefusesTheUser_EndsTheSession(HttpStatusCode status)
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");
        fixture.PocketBase.AuthRefresh = _ => AuthRefreshAnswer.Refused(status);

        var result = await sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None).Guarded("rotate");

        Assert.Equal(SessionStatus.EndedByPocketBase, result.Status);
        Assert.Null(result.Ticket);
        Assert.Equal((int)status, result.Upstream?.Status);
        var check = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize after refusal");
        Assert.Equal(SessionCheck.Denied(SessionStatus.Unknown), check);
        Assert.Equal(0, await UserSessions().CountAsync().Guarded("count after refusal"));
    }

    [Fact]
    public async Task RotateAsync_PocketBaseUnreachable_KeepsTheGenerationAndReportsTheOutage()
    {
        var (sut, _) = CreateSut();
        var login = Login();
        await sut.StartAsync(login, CancellationToken.None).Guarded("start");
        fixture.PocketBase.AuthRefresh = static _ => throw new HttpRequestException("connection refused");

        var result = await sut.RotateAsync(1, RecordQuery.Empty, null, CancellationToken.None).Guarded("rotate");

        Assert.Equal(SessionStatus.Valid, result.Status);
        Assert.Null(result.Ticket);
        Assert.Null(result.Body);
        Assert.Equal((UpstreamOutcome.Unavailable, 503), (result.Upstream?.Outcome, result.Upstream?.Status));
        var check = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize after outage");
        Assert.Equal(new SessionCheck { Status = SessionStatus.Valid, PocketBaseToken = login.PocketBaseToken }, check);
    }
}
