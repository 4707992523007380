using Hapta.Tests.Infrastructure;

namespace Hapta.Hosting.Tests;

/// <summary>
/// PocketBase going down mid-flight: Hapta stays up, says so in <c>/ready</c>, answers 503 with Retry-After
/// in the error shape (DESIGN §7), and serves again once PocketBase is back.
/// </summary>
public sealed class OutageTests : IAsyncLifetime
{
    private PocketBaseProcess _pocketBase = null!;
    private InProcessHapta _hapta = null!;

    public async Task InitializeAsync()
    {
        _pocketBase = await PocketBaseProcess.StartAsync().Within("PocketBase start-up", TimeSpan.FromSeconds(60));
        _hapta = await InProcessHapta.StartAsync(_pocketBase, "--Hapta:PocketBase:Timeout=00:00:02",
            "--Hapta:PocketBase:AttemptTimeout=00:00:01");
    }

    public async Task DisposeAsync()
    {
        await _hapta.DisposeAsync();
        await _pocketBase.DisposeAsync();
    }

    [Fact]
    public async Task PocketBaseDown_503WithRetryAfter_ThenRecovers()
    {
        var before = await Exchange.SendAsync(_hapta.Http, HttpMethod.Get, "/api/collections/posts/records");

        await _pocketBase.KillAsync();
        using var list = await _hapta.Http.GetAsync("/api/collections/posts/records").Within("list while down");
        var listAnswer = await Answer.ReadAsync(list);
        var ready = await Exchange.SendAsync(_hapta.Http, HttpMethod.Get, "/ready");
        var health = await Exchange.SendAsync(_hapta.Http, HttpMethod.Get, "/health");

        Assert.Equal(200, before.Status);
        ErrorShape.AssertProblem(listAnswer, 503);
        Assert.True(list.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After missing: {list.Headers}");
        Assert.Equal(503, ready.Status);
        Assert.Equal("not ready", (string?)ready.Json!["status"]);
        Assert.Equal(200, health.Status);

        await _pocketBase.RestartAsync().Within("PocketBase restart", TimeSpan.FromSeconds(60));
        await Guard.Until(
            async () => (await Exchange.SendAsync(_hapta.Http, HttpMethod.Get, "/api/collections/posts/records")).Status == 200,
            "records served again after PocketBase restart",
            TimeSpan.FromSeconds(30));
        var readyAgain = await Exchange.SendAsync(_hapta.Http, HttpMethod.Get, "/ready");

        Assert.Equal(200, readyAgain.Status);
    }
}
