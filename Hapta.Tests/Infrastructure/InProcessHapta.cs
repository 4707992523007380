using System.Globalization;
using Microsoft.AspNetCore.Builder;

namespace Hapta.Tests.Infrastructure;

/// <summary>
/// The whole <c>hapta-server</c> application (silo and HTTP surface) built by the same code as the
/// executable, hosted in the test process on free loopback ports and reached over real HTTP.
/// </summary>
/// <remarks>
/// Not <c>WebApplicationFactory</c>: the server decides clustering and ports from configuration while it
/// builds, and settings given to the factory arrive only after that; building with arguments, as the
/// executable does, keeps one code path.
/// </remarks>
internal sealed class InProcessHapta : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessHapta(WebApplication app, int port)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<InProcessHapta> StartAsync(PocketBaseProcess pocketBase, params string[] extra) =>
        StartAsync(pocketBase, configure: null, extra);

    /// <summary>Starts a server; <paramref name="configure"/> may adjust the builder (e.g. add a log sink).</summary>
    public static async Task<InProcessHapta> StartAsync(
        PocketBaseProcess pocketBase,
        Action<WebApplicationBuilder>? configure,
        params string[] extra)
    {
        var port = FreePort.Next();
        string[] args =
        [
            .. HaptaProcess.PocketBaseArguments(pocketBase),
            .. HaptaProcess.SiloPortArguments(),
            .. HaptaProcess.RoomyRateLimits(),
            $"--Hapta:Port={port.ToString(CultureInfo.InvariantCulture)}",
            "--Logging:LogLevel:Default=Warning",
            "--environment=Production",
            .. extra,
        ];
        var builder = HaptaServer.CreateBuilder(args);
        Assert.Empty(Configuration.StartupValidation.Validate(builder.Configuration));
        configure?.Invoke(builder);
        var app = HaptaServer.Build(builder.AddHapta());
        await app.StartAsync().Within("in-process hapta start-up", TimeSpan.FromSeconds(60));
        return new InProcessHapta(app, port);
    }

    /// <summary>
    /// Waits until the change feed is connected. It purges every cache entry when it connects (it cannot know what
    /// changed before), so a test that counts hits starts after that.
    /// </summary>
    public Task WaitForChangeFeedAsync() => Guard.Until(
        async () =>
        {
            using var ready = await Http.GetAsync("/ready");
            var body = await ready.Content.ReadAsStringAsync();
            return body.Contains("\"changeFeed\":\"connected\"", StringComparison.Ordinal);
        },
        "change feed connected",
        TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync().Within("in-process hapta shutdown");
        await _app.DisposeAsync();
    }
}
