using System.Globalization;
using System.Text.RegularExpressions;

namespace Hapta.Tests.Infrastructure;

/// <summary>
/// The npm package <c>oauth2-mock-server</c> run with Node on a free loopback port: a real OIDC provider that
/// approves every authorization (see <see cref="NodePackages"/>).
/// </summary>
internal sealed partial class MockOidcProvider : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private MockOidcProvider(ChildProcess process, int port)
    {
        _process = process;
        Url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    public Uri Url { get; }

    /// <summary>Starts a provider whose userinfo gives <paramref name="email"/>.</summary>
    public static async Task<MockOidcProvider> StartAsync(string email)
    {
        var directory = await NodePackages.EnsureAsync();
        var script = Path.Combine(directory, "mock-oidc.mjs");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "oauth2", "mock-oidc.mjs"), script, true);
        var process = ChildProcess.Start("node", [script, email], directory);
        var port = 0;
        await Guard.Until(
            () => Task.FromResult(Listening().Match(process.Output) is { Success: true } m
                && int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out port)
                || process.HasExited),
            "mock OIDC provider start-up",
            TimeSpan.FromSeconds(30));
        if (port == 0)
        {
            await process.DisposeAsync();
            throw new InvalidOperationException($"the mock OIDC provider did not start:\n{process.Output}");
        }

        return new MockOidcProvider(process, port);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    [GeneratedRegex(@"LISTENING (\d+)")]
    private static partial Regex Listening();
}
