using System.Globalization;
using System.Security.Cryptography;
using Hapta.Bench.Running;

namespace Hapta.Bench.Processes;

/// <summary>
/// A fresh PocketBase 0.22.20 on a free loopback port: an empty data dir, the project migrations plus the
/// bench seed (<c>bench/pb_migrations</c>), and a first admin with a password made up for this run.
/// </summary>
internal sealed class PocketBaseServer : IAsyncDisposable
{
    private PocketBaseServer(ChildProcess process, Uri url, string adminEmail, string adminPassword)
    {
        Process = process;
        Url = url;
        AdminEmail = adminEmail;
        AdminPassword = adminPassword;
    }

    public ChildProcess Process { get; }

    public Uri Url { get; }

    public string AdminEmail { get; }

    public string AdminPassword { get; }

    public static async Task<PocketBaseServer> StartAsync(
        BenchOptions options,
        PidFile pids,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var directory = Path.Combine(options.ResultsDirectory, "pocketbase");
        var migrations = Path.Combine(directory, "pb_migrations");
        Directory.CreateDirectory(migrations);
        var sources = Directory.GetFiles(options.ProjectMigrations, "*.js")
            .Concat(Directory.GetFiles(options.SeedMigrations, "*.js"))
            .ToList();
        if (sources.Count == 0)
        {
            throw new BenchFailedException(
                $"no migrations in {options.ProjectMigrations} and {options.SeedMigrations}");
        }

        foreach (var source in sources)
        {
            File.Copy(source, Path.Combine(migrations, Path.GetFileName(source)));
        }

        var port = FreePort.Next();
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        const string adminEmail = "bench-admin@hapta.invalid";
        var adminPassword = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var process = ChildProcess.Start(
            "PocketBase",
            options.PocketBaseBinary,
            [
                "serve",
                "--http", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                "--dir", Path.Combine(directory, "pb_data"),
                "--migrationsDir", migrations,
                "--automigrate=false",
            ],
            directory,
            new Dictionary<string, string> { ["PB_ADMIN_EMAIL"] = adminEmail, ["PB_ADMIN_PASSWORD"] = adminPassword },
            Path.Combine(options.ResultsDirectory, "pocketbase.log"),
            pids);
        var server = new PocketBaseServer(process, url, adminEmail, adminPassword);
        try
        {
            // A failed migration still exits with status 0, so only the health endpoint tells.
            await Readiness.WaitAsync(process, new Uri(url, "/api/health"), TimeSpan.FromSeconds(60), time,
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
