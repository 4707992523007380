using System.Buffers.Text;
using System.Security.Cryptography;
using Hapta.PocketBase;
using Hapta.Testing;

namespace Hapta.Sessions.Tests;

/// <summary>
/// The session grain on a real silo with memory storage, a fake PocketBase and a fake clock. Each test starts its
/// own session of its own user, under fresh random ids. Facets: this file (start, authorize, bind, describe,
/// revoke), <c>.Rotation</c> (refresh, grace, reuse, races) and <c>.Lifetime</c> (expiry, PocketBase renewal).
/// </summary>
[Collection(SessionClusterCollection.Name)]
public sealed partial class SessionGrainTests(SessionClusterFixture fixture)
{
    private const string CollectionId = "_pb_users_auth_";

    private const string ClientIp = "203.0.113.7";

    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private readonly string _userId = "u" + RandomNumberGenerator.GetHexString(14, lowercase: true);

    [Fact]
    public async Task StartAsync_NewSession_ReturnsGenerationOneExpiringAfterIdleTimeout()
    {
        var (sut, sessionId) = CreateSut();
        var now = fixture.Time.GetUtcNow();

        var ticket = await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");

        var expected = new SessionTicket
        {
            SessionId = sessionId,
            UserId = _userId,
            CollectionId = CollectionId,
            Generation = 1,
            ExpiresAt = now + SessionClusterFixture.IdleTimeout,
        };
        Assert.Equal(expected, ticket);
    }

    [Fact]
    public async Task StartAsync_NewSession_IsStoredAndListedForItsUser()
    {
        var (sut, _) = CreateSut();
        var login = Login();

        await sut.StartAsync(login, CancellationToken.None).Guarded("start");

        var stored = await fixture.ReadStoredSessionAsync(sut).Guarded("start: read storage");
        Assert.Equal(1, stored.Generation);
        Assert.Equal(login.PocketBaseToken, stored.PocketBaseToken);
        Assert.Equal(1, await UserSessions().CountAsync().Guarded("start: count the user's sessions"));
    }

    [Fact]
    public async Task AuthorizeAsync_CurrentGeneration_IsValidWithThePocketBaseTokenOfTheLogin()
    {
        var (sut, _) = CreateSut();
        var login = Login();
        await sut.StartAsync(login, CancellationToken.None).Guarded("start");

        var check = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize");

        Assert.Equal(new SessionCheck { Status = SessionStatus.Valid, PocketBaseToken = login.PocketBaseToken }, check);
        Assert.Empty(fixture.AuthRefreshTokens());
    }

    [Fact]
    public async Task AuthorizeAsync_NeverStarted_IsUnknown()
    {
        var (sut, _) = CreateSut();

        var check = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize");

        Assert.Equal(SessionCheck.Denied(SessionStatus.Unknown), check);
    }

    [Fact]
    public async Task AuthorizeAsync_GenerationNeverIssued_IsStaleAndLeavesTheSessionAlone()
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");

        var check = await sut.AuthorizeAsync(2, null, CancellationToken.None).Guarded("authorize: generation 2");

        Assert.Equal(SessionCheck.Denied(SessionStatus.Stale), check);
        var current = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize: generation 1");
        Assert.Equal(SessionStatus.Valid, current.Status);
    }

    [Fact]
    public async Task AuthorizeAsync_BoundSessionFromItsClientIp_IsValid()
    {
        var (sut, _) = CreateSut();
        var login = Login(clientIp: ClientIp);
        await sut.StartAsync(login, CancellationToken.None).Guarded("start");

        var check = await sut.AuthorizeAsync(1, ClientIp, CancellationToken.None).Guarded("authorize");

        Assert.Equal(new SessionCheck { Status = SessionStatus.Valid, PocketBaseToken = login.PocketBaseToken }, check);
    }

    [Theory]
    [InlineData("203.0.113.8")]
    [InlineData("2001:db8::7")]
    [InlineData(null)]
    public async Task AuthorizeAsync_BoundSessionFromAnotherClientIp_IsWrongClient(string? otherIp)
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(clientIp: ClientIp), CancellationToken.None).Guarded("start");

        var check = await sut.AuthorizeAsync(1, otherIp, CancellationToken.None).Guarded("authorize: other client");

        Assert.Equal(SessionCheck.Denied(SessionStatus.WrongClient), check);
        var owner = await sut.AuthorizeAsync(1, ClientIp, CancellationToken.None).Guarded("authorize: owner");
        Assert.Equal(SessionStatus.Valid, owner.Status);
    }

    [Fact]
    public async Task RotateAsync_BoundSessionFromAnotherClientIp_IsWrongClientAndKeepsTheGeneration()
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(clientIp: ClientIp), CancellationToken.None).Guarded("start");

        var result = await sut.RotateAsync(1, RecordQuery.Empty, "203.0.113.8", CancellationToken.None)
            .Guarded("rotate: other client");

        Assert.Equal(new RotationResult { Status = SessionStatus.WrongClient }, result);
        Assert.Empty(fixture.AuthRefreshTokens());
        Assert.Equal(1, (await sut.DescribeAsync().Guarded("describe")).Generation);
    }

    [Fact]
    public async Task DescribeAsync_LiveSession_ReportsUserAndGenerationAndNoToken()
    {
        var (sut, _) = CreateSut();
        var created = fixture.Time.GetUtcNow();
        var login = Login();
        await sut.StartAsync(login, CancellationToken.None).Guarded("start");
        fixture.Time.Advance(TimeSpan.FromMinutes(3));
        await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize");

        var view = await sut.DescribeAsync().Guarded("describe");

        Assert.True(view.Live);
        Assert.Equal(_userId, view.UserId);
        Assert.Equal(CollectionId, view.CollectionId);
        Assert.Equal(1, view.Generation);
        Assert.Equal(created, view.CreatedAt);
        Assert.Equal(created.AddMinutes(3), view.LastSeenAt);
        Assert.DoesNotContain(login.PocketBaseToken, view.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SessionView_Members_CarryNoToken()
    {
        var members = typeof(SessionView).GetProperties().Select(static p => p.Name);

        Assert.Equal(
            ["CollectionId", "CreatedAt", "Generation", "LastSeenAt", "Live", "Silo", "UserId"],
            members.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RevokeAsync_LiveSession_EndsItAndUnlistsIt()
    {
        var (sut, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");

        await sut.RevokeAsync("logout", CancellationToken.None).Guarded("revoke");

        var check = await sut.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize after revoke");
        Assert.Equal(SessionCheck.Denied(SessionStatus.Unknown), check);
        var view = await sut.DescribeAsync().Guarded("describe after revoke");
        Assert.Equal((false, null, null, 0L), (view.Live, view.UserId, view.CollectionId, view.Generation));
        Assert.Equal(0, await UserSessions().CountAsync().Guarded("count after revoke"));
    }

    [Fact]
    public async Task RevokeAsync_EndedOrNeverStarted_DoesNothing()
    {
        var (sut, _) = CreateSut();
        var (neverStarted, _) = CreateSut();
        await sut.StartAsync(Login(), CancellationToken.None).Guarded("start");
        await sut.RevokeAsync("logout", CancellationToken.None).Guarded("first revoke");

        await sut.RevokeAsync("logout", CancellationToken.None).Guarded("second revoke");
        await neverStarted.RevokeAsync("logout", CancellationToken.None).Guarded("revoke never started");

        Assert.False((await sut.DescribeAsync().Guarded("describe")).Live);
        Assert.False((await neverStarted.DescribeAsync().Guarded("describe never started")).Live);
    }

    private (ISessionGrain Sut, string SessionId) CreateSut()
    {
        fixture.StartTest();
        var sessionId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        return (fixture.Client.GetGrain<ISessionGrain>(sessionId), sessionId);
    }

    private SessionStart Login(string? pocketBaseToken = null, string? clientIp = null) => new()
    {
        UserId = _userId,
        CollectionId = CollectionId,
        CollectionName = "users",
        PocketBaseToken = pocketBaseToken ?? PocketBaseToken("login"),
        ClientIp = clientIp,
    };

    /// <summary>A PocketBase token of this test's user, by default far from needing renewal.</summary>
    private string PocketBaseToken(string label, TimeSpan? lifetime = null) =>
        FakeUserToken.Create(_userId, CollectionId, fixture.Time.GetUtcNow() + (lifetime ?? TimeSpan.FromDays(14)), label);

    /// <summary>PocketBase answers every auth-refresh with <paramref name="token"/> and the user's record.</summary>
    private void RenewWith(string token) =>
        fixture.PocketBase.AuthRefresh = _ => AuthRefreshAnswer.Renewed(token, _userId, CollectionId);

    private IUserSessionsGrain UserSessions() =>
        fixture.Client.GetGrain<IUserSessionsGrain>(IUserSessionsGrain.KeyOf(CollectionId, _userId));
}
