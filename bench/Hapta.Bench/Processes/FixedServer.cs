using System.Globalization;

namespace Hapta.Bench.Processes;

/// <summary>
/// The bare Kestrel endpoint as a child process (<c>hapta-bench fixed-server</c>), serving the exact bytes
/// Hapta answered for W1 at <c>/w1</c>, for W2 at <c>/w2</c>, and for W7's small and large file at <c>/w7s</c>
/// and <c>/w7l</c>: the ceiling of this machine for a response of that size.
/// </summary>
internal sealed class FixedServer : IAsyncDisposable
{
    private FixedServer(ChildProcess process, Uri url)
    {
        Process = process;
        Url = url;
    }

    public ChildProcess Process { get; }

    public Uri Url { get; }

    public static async Task<FixedServer> StartAsync(
        string bodiesDirectory,
        string logPath,
        PidFile pids,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var process = ChildProcess.Start(
            "Kestrel",
            Environment.ProcessPath ?? "dotnet",
            [
                typeof(FixedServer).Assembly.Location,
                "fixed-server",
                "--port", port.ToString(CultureInfo.InvariantCulture),
                "--bodies", bodiesDirectory,
            ],
            bodiesDirectory,
            new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production" },
            logPath,
            pids);
        var server = new FixedServer(process, url);
        try
        {
            await Readiness.WaitAsync(process, new Uri(url, "/w1"), TimeSpan.FromSeconds(30), time,
                cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
