using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Hapta.Bench.Running;

namespace Hapta.Bench.Processes;

/// <summary>
/// Debian's <c>redis-server</c> on a free loopback port, for the two-silo cluster of W6: it holds the cluster's
/// membership and grain state for one run and is thrown away, so nothing is saved (no snapshots, no append-only
/// file), which a real cluster must not do (a Redis restarted empty splits it).
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    private RedisServer(ChildProcess process, int port)
    {
        Process = process;
        Port = port;
    }

    public ChildProcess Process { get; }

    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string Hapta takes in <c>Hapta:Cluster:Redis</c>.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>The redis-server binary, or <see langword="null"/> when it is not installed.</summary>
    public static string? Binary => Candidates.FirstOrDefault(File.Exists);

    public static async Task<RedisServer> StartAsync(
        string directory,
        string logPath,
        PidFile pids,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var binary = Binary ?? throw new BenchFailedException(
            "redis-server is not installed (Debian: apt-get install -y redis-server); Scripts/bench.sh installs it");
        Directory.CreateDirectory(directory);
        var port = FreePort.Next();
        var process = ChildProcess.Start(
            "Redis",
            binary,
            [
                "--port", port.ToString(CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", directory,
            ],
            directory,
            new Dictionary<string, string>(),
            logPath,
            pids);
        var server = new RedisServer(process, port);
        try
        {
            await server.WaitForPongAsync(TimeSpan.FromSeconds(30), time, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private async Task WaitForPongAsync(TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            if (Process.HasExited)
            {
                throw new BenchFailedException(
                    $"redis-server exited during start-up; the end of {Process.LogPath}:\n{Process.Tail()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
                var buffer = new byte[64];
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }
            catch (IOException)
            {
            }

            if (time.GetElapsedTime(started) > limit)
            {
                throw new BenchFailedException(
                    $"redis-server did not answer PING within {limit.TotalSeconds:0} s; the end of {Process.LogPath}:\n"
                    + Process.Tail());
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }
    }
}
