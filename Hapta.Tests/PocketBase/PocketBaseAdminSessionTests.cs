using System.Net;
using Hapta.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Refit;

namespace Hapta.PocketBase.Tests;

public sealed class PocketBaseAdminSessionTests
{
    private const string Email = "admin@example.com";
    private const string Password = "correct horse battery staple";
    private static readonly Uri PocketBaseUrl = new("http://127.0.0.1:8090");
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromDays(14);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly FakePocketBaseApi _api = new();
    private int _issued;

    public PocketBaseAdminSessionTests()
    {
        _api.OnLogin = (_, _) => FakePocketBaseApi.Ok(new AdminAuthResponse { Token = IssueToken() });
        _api.OnRefresh = (_, _) => FakePocketBaseApi.Ok(new AdminAuthResponse { Token = IssueToken() });
    }

    [Fact]
    public async Task GetTokenAsync_TwoCalls_LogsInOnceAndReusesTheToken()
    {
        using var sut = CreateSut();

        var first = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: first call");
        var second = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: second call");

        Assert.Equal(first, second);
        Assert.Equal([new AdminCredentials(Email, Password)], _api.Logins);
        Assert.Empty(_api.Refreshes);
    }

    [Fact]
    public async Task GetTokenAsync_RemainingLifetimeEqualToRenewBefore_KeepsTheToken()
    {
        using var sut = CreateSut();
        var first = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: login");
        _time.Advance(TokenLifetime - RenewBefore);

        var second = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: at the renewal boundary");

        Assert.Equal(first, second);
        Assert.Single(_api.Logins);
        Assert.Empty(_api.Refreshes);
    }

    [Fact]
    public async Task GetTokenAsync_RemainingLifetimeBelowRenewBefore_RefreshesOnceWithTheOldToken()
    {
        using var sut = CreateSut();
        var first = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: login");
        _time.Advance(TokenLifetime - RenewBefore + TimeSpan.FromSeconds(1));

        var renewed = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: renewal");
        var again = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: after renewal");

        Assert.NotEqual(first, renewed);
        Assert.Equal(renewed, again);
        Assert.Equal([first], _api.Refreshes);
        Assert.Single(_api.Logins);
    }

    [Fact]
    public async Task GetTokenAsync_LongerRenewBefore_RefreshesEarlier()
    {
        using var sut = CreateSut(renewBefore: TimeSpan.FromDays(13));
        var first = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: login");
        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        var renewed = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: early renewal");

        Assert.NotEqual(first, renewed);
        Assert.Equal([first], _api.Refreshes);
    }

    [Fact]
    public async Task GetTokenAsync_RefreshRefused_LogsInAgain()
    {
        _api.OnRefresh = static (_, _) => FakePocketBaseApi.Error<AdminAuthResponse>(
            HttpStatusCode.Unauthorized, "The request requires valid admin authorization token to be set.");
        using var sut = CreateSut();
        var first = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: login");
        _time.Advance(TokenLifetime - TimeSpan.FromHours(1));

        var renewed = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: refresh refused");

        Assert.NotEqual(first, renewed);
        Assert.Single(_api.Refreshes);
        Assert.Equal(2, _api.Logins.Count);
    }

    [Fact]
    public async Task GetTokenAsync_RefreshTransportFailure_LogsInAgain()
    {
        _api.OnRefresh = static (_, _) => throw new HttpRequestException("Connection reset by peer");
        using var sut = CreateSut();
        var first = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: login");
        _time.Advance(TokenLifetime - TimeSpan.FromHours(1));

        var renewed = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: refresh failed");

        Assert.NotEqual(first, renewed);
        Assert.Equal(2, _api.Logins.Count);
    }

    [Fact]
    public async Task GetTokenAsync_TokenExpired_LogsInWithoutRefreshing()
    {
        using var sut = CreateSut();
        var first = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: login");
        _time.Advance(TokenLifetime);

        var renewed = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: after expiry");

        Assert.NotEqual(first, renewed);
        Assert.Empty(_api.Refreshes);
        Assert.Equal(2, _api.Logins.Count);
    }

    [Fact]
    public async Task Reject_CurrentToken_NextCallLogsInAgain()
    {
        using var sut = CreateSut();
        var first = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: login");

        sut.Reject(first);
        var second = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: after rejection");

        Assert.NotEqual(first, second);
        Assert.Equal(2, _api.Logins.Count);
        Assert.Empty(_api.Refreshes);
    }

    [Fact]
    public async Task Reject_AnOlderToken_KeepsTheCurrentOne()
    {
        using var sut = CreateSut();
        var first = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: login");

        sut.Reject(FakeAdminToken.Create(_time.GetUtcNow().AddDays(3), id: "older"));
        var second = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: after a stale rejection");

        Assert.Equal(first, second);
        Assert.Single(_api.Logins);
    }

    [Fact]
    public async Task GetTokenAsync_ConcurrentCallers_ShareOneLogin()
    {
        var answer = new TaskCompletionSource<IApiResponse<AdminAuthResponse>>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        _api.OnLogin = (_, _) => answer.Task;
        using var sut = CreateSut();

        var callers = Enumerable.Range(0, 8).Select(_ => sut.GetTokenAsync(CancellationToken.None).AsTask()).ToArray();
        var pendingWhileLoggingIn = callers.Count(static c => !c.IsCompleted);
        var token = FakeAdminToken.Create(_time.GetUtcNow() + TokenLifetime);
        answer.SetResult(await FakePocketBaseApi.Ok(new AdminAuthResponse { Token = token }).Guarded("login: answer"));
        var tokens = await Task.WhenAll(callers).Guarded("token: concurrent callers");

        Assert.Equal(8, pendingWhileLoggingIn);
        Assert.All(tokens, t => Assert.Equal(token, t));
        Assert.Single(_api.Logins);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    public async Task GetTokenAsync_CredentialsRefused_ThrowsNamingAdminEmail(HttpStatusCode status)
    {
        _api.OnLogin = (_, _) => FakePocketBaseApi.Error<AdminAuthResponse>(status, "Failed to authenticate.");
        using var sut = CreateSut();

        var ex = await Assert.ThrowsAsync<PocketBaseLoginException>(
            () => sut.GetTokenAsync(CancellationToken.None).Guarded("token: refused login"));

        Assert.Contains("ADMIN_EMAIL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Hapta:PocketBase:AdminEmail", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Email, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokenAsync_LoginAnswered404_ThrowsNamingDbUrl()
    {
        _api.OnLogin = static (_, _) => FakePocketBaseApi.Error<AdminAuthResponse>(HttpStatusCode.NotFound);
        using var sut = CreateSut();

        var ex = await Assert.ThrowsAsync<PocketBaseLoginException>(
            () => sut.GetTokenAsync(CancellationToken.None).Guarded("token: login answered 404"));

        Assert.Contains("DB_URL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("404", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokenAsync_TransportFailure_ThrowsNamingDbUrl()
    {
        var cause = new HttpRequestException("Connection refused (127.0.0.1:8090)");
        _api.OnLogin = (_, _) => throw cause;
        using var sut = CreateSut();

        var ex = await Assert.ThrowsAsync<PocketBaseLoginException>(
            () => sut.GetTokenAsync(CancellationToken.None).Guarded("token: unreachable PocketBase"));

        Assert.Contains("DB_URL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Hapta:PocketBase:Url", ex.Message, StringComparison.Ordinal);
        Assert.Contains(PocketBaseUrl.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", ex.Message, StringComparison.Ordinal);
        Assert.Same(cause, ex.InnerException);
    }

    [Fact]
    public async Task GetTokenAsync_AfterAFailedLogin_TriesAgain()
    {
        _api.OnLogin = static (_, _) => throw new HttpRequestException("Connection refused");
        using var sut = CreateSut();
        await Assert.ThrowsAsync<PocketBaseLoginException>(
            () => sut.GetTokenAsync(CancellationToken.None).Guarded("token: PocketBase down"));
        _api.OnLogin = (_, _) => FakePocketBaseApi.Ok(new AdminAuthResponse { Token = IssueToken() });

        var token = await sut.GetTokenAsync(CancellationToken.None).Guarded("token: PocketBase back");

        Assert.Equal(IssuedToken(0), token);
        Assert.Equal(2, _api.Logins.Count);
    }

    [Fact]
    public async Task GetTokenAsync_CallerCancelsDuringLogin_PropagatesTheCancellation()
    {
        using var cancellation = new CancellationTokenSource();
        var answer = new TaskCompletionSource<IApiResponse<AdminAuthResponse>>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        _api.OnLogin = (_, ct) =>
        {
            ct.Register(() => answer.TrySetCanceled(ct));
            return answer.Task;
        };
        using var sut = CreateSut();
        var call = sut.GetTokenAsync(cancellation.Token).AsTask();

        await cancellation.CancelAsync();

        await Assert.ThrowsAsync<TaskCanceledException>(() => call.Guarded("token: cancelled login"));
        Assert.Single(_api.Logins);
    }

    [Fact]
    public async Task GetTokenAsync_TokenWithoutExp_ThrowsLoginException()
    {
        _api.OnLogin = static (_, _) => FakePocketBaseApi.Ok(new AdminAuthResponse { Token = "opaque-token" });
        using var sut = CreateSut();

        var ex = await Assert.ThrowsAsync<PocketBaseLoginException>(
            () => sut.GetTokenAsync(CancellationToken.None).Guarded("token: unreadable token"));

        Assert.Equal("PocketBase returned an admin token Hapta cannot read. Is it PocketBase 0.22?", ex.Message);
    }

    private PocketBaseAdminSession CreateSut(TimeSpan? renewBefore = null) => new(
        _api,
        Options.Create(new PocketBaseOptions
        {
            Url = PocketBaseUrl,
            AdminEmail = Email,
            AdminPassword = Password,
            AdminTokenRenewBefore = renewBefore ?? RenewBefore,
        }),
        _time,
        NullLogger<PocketBaseAdminSession>.Instance);

    /// <summary>A token valid for <see cref="TokenLifetime"/> from now; the n-th one has id <c>admin-n</c>.</summary>
    private string IssueToken()
    {
        var n = Interlocked.Increment(ref _issued) - 1;
        return FakeAdminToken.Create(_time.GetUtcNow() + TokenLifetime, $"admin-{n}");
    }

    private string IssuedToken(int n) => FakeAdminToken.Create(_time.GetUtcNow() + TokenLifetime, $"admin-{n}");
}
