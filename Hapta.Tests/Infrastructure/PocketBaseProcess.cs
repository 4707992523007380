using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Hapta.Tests.Infrastructure;

/// <summary>
/// A real PocketBase 0.22.20 on a free loopback port, with a fresh data directory, the project's migrations
/// plus the tests' extra ones, and a first admin of its own. Stopped and deleted on dispose.
/// </summary>
internal sealed class PocketBaseProcess : IAsyncDisposable
{
    private readonly string _directory;
    private ChildProcess _process;
    private string? _adminToken;

    private PocketBaseProcess(string directory, int port, ChildProcess process)
    {
        _directory = directory;
        Port = port;
        _process = process;
        Url = new Uri($"http://127.0.0.1:{port}");
        Http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public Uri Url { get; }

    public HttpClient Http { get; }

    public string AdminEmail { get; } = "admin@hapta.test";

    public string AdminPassword { get; } = "Admin-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

    public string Output => _process.Output;

    public static async Task<PocketBaseProcess> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("hapta-pb-").FullName;
        var migrations = Directory.CreateDirectory(Path.Combine(directory, "pb_migrations")).FullName;
        foreach (var source in new[] { TestPaths.ProjectMigrations, TestPaths.TestMigrations })
        {
            foreach (var file in Directory.EnumerateFiles(source, "*.js"))
            {
                File.Copy(file, Path.Combine(migrations, Path.GetFileName(file)));
            }
        }

        var port = FreePort.Next();
        var instance = new PocketBaseProcess(directory, port, null!);
        instance._process = instance.Launch();
        await instance.WaitHealthyAsync();
        return instance;
    }

    /// <summary>Stops PocketBase abruptly, as a crash would.</summary>
    public async Task KillAsync()
    {
        await _process.DisposeAsync();
    }

    /// <summary>Starts PocketBase again on the same port and data.</summary>
    public async Task RestartAsync()
    {
        await _process.DisposeAsync();
        _process = Launch();
        await WaitHealthyAsync();
    }

    /// <summary>One admin token for the life of this process (a login costs PocketBase ~300 ms of bcrypt).</summary>
    public async Task<string> CachedAdminTokenAsync() => _adminToken ??= await AdminTokenAsync();

    public async Task<string> AdminTokenAsync()
    {
        using var response = await Http.PostAsJsonAsync(
            "/api/admins/auth-with-password", new { identity = AdminEmail, password = AdminPassword });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (string)body!["token"]!;
    }

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
            // A file still held open; the temp folder is cleaned by the system.
        }
    }

    private ChildProcess Launch() => ChildProcess.Start(
        TestPaths.PocketBaseBinary,
        [
            "serve",
            "--http", $"127.0.0.1:{Port}",
            "--dir", Path.Combine(_directory, "pb_data"),
            "--migrationsDir", Path.Combine(_directory, "pb_migrations"),
            "--automigrate=false",
        ],
        _directory,
        new Dictionary<string, string?>
        {
            ["PB_ADMIN_EMAIL"] = AdminEmail,
            ["PB_ADMIN_PASSWORD"] = AdminPassword,
        });

    private async Task WaitHealthyAsync()
    {
        // A failed migration stops `serve` with exit status 0, so health, not the exit code, is the signal.
        await Guard.Until(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException("PocketBase exited during start-up:\n" + _process.Output);
                }

                try
                {
                    using var response = await Http.GetAsync("/api/health");
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            "PocketBase start-up");
    }
}
