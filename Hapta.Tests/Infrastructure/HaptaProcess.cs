using System.Globalization;

namespace Hapta.Tests.Infrastructure;

/// <summary>
/// A real <c>hapta-server</c> process (<c>dotnet hapta-server.dll</c>), for what only a process shows: exit
/// codes, start-up messages, several silos in one cluster, a silo killed.
/// </summary>
internal sealed class HaptaProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _directory;

    private HaptaProcess(ChildProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The token secret of every server a test run starts, so that silos of one cluster agree.</summary>
    public static string TestSecret { get; } =
        "test-" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(36));

    public int Port { get; }

    /// <summary>The server's process id (<c>dotnet</c> runs the server in its own process).</summary>
    public int Pid => _process.Id;

    public HttpClient Http { get; }

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts a server in a fresh working directory. <paramref name="dotEnv"/>, when given, is written there as
    /// <c>.env</c>; <paramref name="arguments"/> are command-line settings such as <c>--Hapta:Cluster:Redis=…</c>.
    /// </summary>
    public static HaptaProcess Start(
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? dotEnv = null)
    {
        var directory = Directory.CreateTempSubdirectory("hapta-server-").FullName;
        if (dotEnv is not null)
        {
            File.WriteAllText(Path.Combine(directory, ".env"), dotEnv);
        }

        var port = FreePort.Next();
        var env = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Hapta"] = "Information",
        };
        var process = ChildProcess.Start(
            "dotnet",
            [TestPaths.HaptaServerDll, $"--Hapta:Port={port.ToString(CultureInfo.InvariantCulture)}", .. arguments],
            directory,
            env);
        return new HaptaProcess(process, directory, port);
    }

    /// <summary>Arguments that point a server at <paramref name="pocketBase"/> with its admin.</summary>
    public static string[] PocketBaseArguments(PocketBaseProcess pocketBase) =>
    [
        $"--Hapta:Sessions:Secret={TestSecret}",
        $"--Hapta:PocketBase:Url={pocketBase.Url}",
        $"--Hapta:PocketBase:AdminEmail={pocketBase.AdminEmail}",
        $"--Hapta:PocketBase:AdminPassword={pocketBase.AdminPassword}",
    ];

    /// <summary>
    /// Limits no test reaches by accident: every request of a test comes from 127.0.0.1, so the defaults (20
    /// logins a minute per IP) would refuse a suite. The limiter still runs; rate-limit tests set their own.
    /// </summary>
    public static string[] RoomyRateLimits() =>
    [
        "--Hapta:RateLimit:Max=1000000",
        .. new[] { "User", "Global", "Auth", "AuthIdentity", "Login", "Write", "Read", "File", "Realtime" }
            .Select(static policy => $"--Hapta:RateLimit:{policy}:Max=1000000"),
    ];

    /// <summary>Arguments for a silo on free silo and gateway ports.</summary>
    public static string[] SiloPortArguments() =>
    [
        $"--Hapta:Cluster:SiloPort={FreePort.Next().ToString(CultureInfo.InvariantCulture)}",
        $"--Hapta:Cluster:GatewayPort={FreePort.Next().ToString(CultureInfo.InvariantCulture)}",
    ];

    public async Task WaitReadyAsync(TimeSpan? limit = null)
    {
        await Guard.Until(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException(
                        $"hapta-server exited with {_process.ExitCode} during start-up:\n{_process.Output}");
                }

                try
                {
                    using var response = await Http.GetAsync("/ready");
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            "hapta-server start-up",
            limit ?? TimeSpan.FromSeconds(60));
    }

    public Task WaitForExitAsync() => _process.WaitForExitAsync();

    public void Kill() => _process.Kill();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
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
