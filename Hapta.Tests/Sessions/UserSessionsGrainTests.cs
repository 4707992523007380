using System.Buffers.Text;
using System.Security.Cryptography;
using Hapta.Testing;

namespace Hapta.Sessions.Tests;

/// <summary>The live sessions of one user, on the shared session silo; each test has its own users.</summary>
[Collection(SessionClusterCollection.Name)]
public sealed class UserSessionsGrainTests(SessionClusterFixture fixture)
{
    private const string CollectionId = "_pb_users_auth_";

    private readonly string _userId = "u" + RandomNumberGenerator.GetHexString(14, lowercase: true);

    [Fact]
    public async Task RevokeAllAsync_ThreeSessions_EndsEachAndReturnsThree()
    {
        var sut = CreateSut();
        var sessions = await StartSessionsAsync(_userId, 3);

        var revoked = await sut.RevokeAllAsync("password reset", CancellationToken.None).Guarded("revoke all");

        Assert.Equal(3, revoked);
        foreach (var session in sessions)
        {
            var check = await session.AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize after revoke all");
            Assert.Equal(SessionCheck.Denied(SessionStatus.Unknown), check);
        }

        Assert.Equal(0, await sut.CountAsync().Guarded("count after revoke all"));
    }

    [Fact]
    public async Task RevokeAllAsync_AnotherUsersSessions_AreLeftAlone()
    {
        var sut = CreateSut();
        await StartSessionsAsync(_userId, 1);
        var otherUser = "u" + RandomNumberGenerator.GetHexString(14, lowercase: true);
        var others = await StartSessionsAsync(otherUser, 2);

        await sut.RevokeAllAsync("password reset", CancellationToken.None).Guarded("revoke all");

        var check = await others[0].AuthorizeAsync(1, null, CancellationToken.None).Guarded("authorize other user");
        Assert.Equal(SessionStatus.Valid, check.Status);
        var otherList = fixture.Client.GetGrain<IUserSessionsGrain>(IUserSessionsGrain.KeyOf(CollectionId, otherUser));
        Assert.Equal(2, await otherList.CountAsync().Guarded("count other user"));
    }

    [Fact]
    public async Task RevokeAllAsync_NoSessions_ReturnsZero()
    {
        var sut = CreateSut();

        var revoked = await sut.RevokeAllAsync("password reset", CancellationToken.None).Guarded("revoke all");

        Assert.Equal(0, revoked);
    }

    [Fact]
    public async Task CountAsync_ThreeStartedOneRevoked_CountsTwo()
    {
        var sut = CreateSut();
        var sessions = await StartSessionsAsync(_userId, 3);
        await sessions[1].RevokeAsync("logout", CancellationToken.None).Guarded("revoke one");

        var count = await sut.CountAsync().Guarded("count");

        Assert.Equal(2, count);
    }

    [Fact]
    public async Task CountAsync_AfterDeactivation_ReadsTheStoredSessions()
    {
        var sut = CreateSut();
        await StartSessionsAsync(_userId, 2);
        await fixture.DeactivateAsync(sut).Guarded("deactivate");

        var count = await sut.CountAsync().Guarded("count");

        Assert.Equal(2, count);
    }

    private IUserSessionsGrain CreateSut()
    {
        fixture.StartTest();
        return fixture.Client.GetGrain<IUserSessionsGrain>(IUserSessionsGrain.KeyOf(CollectionId, _userId));
    }

    private async Task<ISessionGrain[]> StartSessionsAsync(string userId, int count)
    {
        var sessions = new ISessionGrain[count];
        for (var i = 0; i < count; i++)
        {
            sessions[i] = fixture.Client.GetGrain<ISessionGrain>(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)));
            var start = new SessionStart
            {
                UserId = userId,
                CollectionId = CollectionId,
                CollectionName = "users",
                PocketBaseToken = FakeUserToken.Create(userId, CollectionId, fixture.Time.GetUtcNow().AddDays(14), $"login-{i}"),
            };
            await sessions[i].StartAsync(start, CancellationToken.None).Guarded($"start session {i + 1} of {count}");
        }

        return sessions;
    }
}
