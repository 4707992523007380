using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Hapta.Hosting.Tests;

/// <summary>
/// No token and no password ever reaches a log line, at any level (issue #4, point 7; STYLE 9): a whole
/// session's life runs with every log captured at Trace, then the capture is searched.
/// </summary>
public sealed class SecretsInLogsTests : IAsyncLifetime
{
    private readonly LogSink _logs = new();
    private PocketBaseProcess _pocketBase = null!;
    private InProcessHapta _hapta = null!;

    public async Task InitializeAsync()
    {
        _pocketBase = await PocketBaseProcess.StartAsync().Within("PocketBase start-up", TimeSpan.FromSeconds(60));
        _hapta = await InProcessHapta.StartAsync(
            _pocketBase,
            builder =>
            {
                builder.Logging.AddProvider(_logs);
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
            },
            "--Logging:LogLevel:Default=Trace",
            "--Hapta:Sessions:ConcurrentRefreshWindow=00:00:00");
    }

    public async Task DisposeAsync()
    {
        await _hapta.DisposeAsync();
        await _pocketBase.DisposeAsync();
    }

    [Fact]
    public async Task WholeSessionLife_NoTokenOrPasswordInAnyLogLine()
    {
        var user = await SocialData.SignUpAsync(_pocketBase.Http, _hapta.Http);
        var refreshed = await Exchange.SendAsync(
            _hapta.Http, HttpMethod.Post, "/api/collections/users/auth-refresh", user.HaptaToken);
        var next = (string)refreshed.Json!["token"]!;
        await Exchange.SendAsync(_hapta.Http, HttpMethod.Get, "/api/collections/posts/records", next);
        await Exchange.SendAsync(_hapta.Http, HttpMethod.Get, "/api/collections/posts/records", user.Token);
        var reuse = await Exchange.SendAsync(
            _hapta.Http, HttpMethod.Post, "/api/collections/users/auth-refresh", user.HaptaToken);
        await Exchange.SendAsync(_hapta.Http, HttpMethod.Post, "/api/collections/users/auth-with-password",
            json: new JsonObject { ["identity"] = user.Username, ["password"] = "wrong-" + user.Password }.ToJsonString());

        var text = _logs.Text;
        Assert.Equal(401, reuse.Status);
        Assert.Contains("Token reuse on session", text, StringComparison.Ordinal);
        Assert.Contains(user.Id, text, StringComparison.Ordinal);
        foreach (var secret in new[]
            { user.HaptaToken!, next, user.Token, user.Password, _pocketBase.AdminPassword, HaptaProcess.TestSecret })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret.Split('.')[^1], text, StringComparison.Ordinal);
        }
    }
}
