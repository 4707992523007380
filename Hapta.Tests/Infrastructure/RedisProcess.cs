using System.Net.Sockets;

namespace Hapta.Tests.Infrastructure;

/// <summary>A real <c>redis-server</c> on a free loopback port, empty, with nothing persisted.</summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    private readonly string _directory;
    private readonly ChildProcess _process;

    private RedisProcess(string directory, int port, ChildProcess process)
    {
        _directory = directory;
        Port = port;
        _process = process;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisProcess> StartAsync()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "redis-server is not installed. Install it (Debian: apt-get install -y redis-server) or run "
                + "Scripts/test.sh, which does.");
        var directory = Directory.CreateTempSubdirectory("hapta-redis-").FullName;
        var port = FreePort.Next();
        var process = ChildProcess.Start(
            binary,
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory],
            directory);
        var redis = new RedisProcess(directory, port, process);
        await Guard.Until(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException("redis-server exited during start-up:\n" + process.Output);
                }

                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", port);
                    return true;
                }
                catch (SocketException)
                {
                    return false;
                }
            },
            "redis-server start-up");
        return redis;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
