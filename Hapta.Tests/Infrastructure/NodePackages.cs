namespace Hapta.Tests.Infrastructure;

/// <summary>
/// The npm packages the tests run with Node, installed once into <c>.tools/node</c> of the repository: the OIDC
/// provider of the OAuth2 tests, and the official PocketBase JavaScript SDK of the 0.22 line with the
/// <c>EventSource</c> it needs on Node.
/// </summary>
internal static class NodePackages
{
    private static readonly string[] Packages = ["oauth2-mock-server@8.2.3", "pocketbase@0.21.5", "eventsource@2.0.2"];

    private static readonly SemaphoreSlim Install = new(1, 1);

    /// <summary>The directory whose <c>node_modules</c> holds the packages.</summary>
    public static async Task<string> EnsureAsync()
    {
        var directory = Path.Combine(TestPaths.RepositoryRoot, ".tools", "node");
        await Install.WaitAsync();
        try
        {
            if (Packages.All(p => File.Exists(
                Path.Combine(directory, "node_modules", p[..p.LastIndexOf('@')], "package.json"))))
            {
                return directory;
            }

            Directory.CreateDirectory(directory);
            await using var npm = ChildProcess.Start(
                "npm",
                ["install", "--prefix", directory, "--no-audit", "--no-fund", "--silent", .. Packages],
                directory);
            await npm.WaitForExitAsync().Within("npm install " + string.Join(' ', Packages), TimeSpan.FromMinutes(3));
            return npm.ExitCode == 0
                ? directory
                : throw new InvalidOperationException($"npm install failed:\n{npm.Output}");
        }
        finally
        {
            Install.Release();
        }
    }
}
