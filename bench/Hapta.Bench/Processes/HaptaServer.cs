using System.Globalization;
using System.Security.Cryptography;

namespace Hapta.Bench.Processes;

/// <summary>
/// One <c>hapta-server</c> (the Release build, <c>dotnet hapta-server.dll</c>) in front of the bench PocketBase,
/// on free ports: a single node, unless its settings name a Redis to cluster through. Its content root is the build
/// output, so its own appsettings.json applies as in a deployment; its working folder is one of its own, so that no
/// <c>.env</c> of the checkout does.
/// </summary>
internal sealed class HaptaServer : IAsyncDisposable
{
    private HaptaServer(ChildProcess process, Uri url)
    {
        Process = process;
        Url = url;
    }

    public ChildProcess Process { get; }

    public Uri Url { get; }

    public static async Task<HaptaServer> StartAsync(
        string haptaServerDll,
        HaptaLaunch launch,
        PocketBaseServer pocketBase,
        PidFile pids,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(launch.WorkDirectory);
        var port = FreePort.Next();
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        string Setting(string name, object value) =>
            string.Create(CultureInfo.InvariantCulture, $"--Hapta:{name}={value}");
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            // Secrets go in the environment rather than on the command line, which any local user can read.
            ["Hapta__PocketBase__AdminPassword"] = pocketBase.AdminPassword,
            ["Hapta__Sessions__Secret"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var (name, value) in launch.Secrets)
        {
            environment[name] = value;
        }

        var process = ChildProcess.Start(
            launch.Name,
            Environment.ProcessPath ?? "dotnet",
            [
                haptaServerDll,
                "--contentRoot=" + Path.GetDirectoryName(haptaServerDll),
                Setting("Port", port),
                Setting("PocketBase:Url", pocketBase.Url.GetLeftPart(UriPartial.Authority)),
                Setting("PocketBase:AdminEmail", pocketBase.AdminEmail),
                Setting("Cluster:SiloPort", FreePort.Next()),
                Setting("Cluster:GatewayPort", FreePort.Next()),
                "--Logging:LogLevel:Default=Warning",
                .. launch.Settings,
            ],
            launch.WorkDirectory,
            environment,
            launch.LogPath,
            pids);
        var server = new HaptaServer(process, url);
        try
        {
            await Readiness.WaitAsync(process, new Uri(url, "/ready"), TimeSpan.FromSeconds(90), time,
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
