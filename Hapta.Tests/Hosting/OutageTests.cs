using Hapta.Tests.Infrastructure;

namespace Hapta.Hosting.Tests;

/// <summary>
/// PocketBase going down mid-flight: Hapta stays up, says so in <c>/ready</c>, keeps serving what it has cached,
/// answers anything else 503 with Retry-After in the error shape (DESIGN §7), and serves again once PocketBase is
/// back, its change feed reconnected.
/// </summary>
public sealed class OutageTests : IAsyncLifetime
{
    private PocketBaseProcess _pocketBase = null!;
    private InProcessHapta _hapta = null!;

    public async Task InitializeAsync()
    {
        _pocketBase = await PocketBaseProcess.StartAsync().Within("PocketBase start-up", TimeSpan.FromSeconds(60));
        // Short budgets, so that an outage shows quickly, yet room enough for the start-up admin login (a bcrypt
        // check) on a loaded machine.
        _hapta = await InProcessHapta.StartAsync(_pocketBase, "--Hapta:PocketBase:Timeout=00:00:05",
            "--Hapta:PocketBase:AttemptTimeout=00:00:03");
        await _hapta.WaitForChangeFeedAsync();
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
        var uncached = Uncached();

        await _pocketBase.KillAsync();
        var cached = await Exchange.SendAsync(_hapta.Http, HttpMethod.Get, "/api/collections/posts/records");
        using var list = await _hapta.Http.GetAsync(uncached).Within("uncached list while down");
        var listAnswer = await Answer.ReadAsync(list);
        var ready = await Exchange.SendAsync(_hapta.Http, HttpMethod.Get, "/ready");
        var health = await Exchange.SendAsync(_hapta.Http, HttpMethod.Get, "/health");
        await Guard.Until(
            async () =>
            {
                var ready = await Exchange.SendAsync(_hapta.Http, HttpMethod.Get, "/ready");
                return ((string?)ready.Json!["changeFeed"])!.StartsWith("down", StringComparison.Ordinal);
            },
            "/ready reports the change feed down",
            TimeSpan.FromSeconds(30));

        Assert.Equal(200, before.Status);
        Assert.Equal(200, cached.Status);
        Assert.Equal(before.Text, cached.Text);
        ErrorShape.AssertProblem(listAnswer, 503);
        Assert.True(list.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After missing: {list.Headers}");
        Assert.Equal(503, ready.Status);
        Assert.Equal("not ready", (string?)ready.Json!["status"]);
        Assert.Equal(200, health.Status);

        await _pocketBase.RestartAsync().Within("PocketBase restart", TimeSpan.FromSeconds(60));
        await Guard.Until(
            async () => (await Exchange.SendAsync(_hapta.Http, HttpMethod.Get, Uncached())).Status == 200,
            "uncached records served again after PocketBase restart",
            TimeSpan.FromSeconds(30));
        await Guard.Until(
            async () => (string?)(await Exchange.SendAsync(_hapta.Http, HttpMethod.Get, "/ready")).Json!["changeFeed"]
                == "connected",
            "change feed connected again after PocketBase restart",
            TimeSpan.FromSeconds(30));
        var readyAgain = await Exchange.SendAsync(_hapta.Http, HttpMethod.Get, "/ready");

        Assert.True(readyAgain.Status == 200, readyAgain.ToString());
    }

    /// <summary>A list nobody asked for before, so that only PocketBase can answer it.</summary>
    private static string Uncached() =>
        $"/api/collections/posts/records?filter={Uri.EscapeDataString($"id = '{SocialData.Unique("x")}'")}";
}
