namespace Hapta.Tests.Infrastructure;

/// <summary>Where the repository, the PocketBase binary and the built <c>hapta-server</c> are.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>
    /// <c>HAPTA_POCKETBASE_BIN</c>, else <c>.tools/pocketbase/pocketbase</c> as fetched by
    /// <c>Scripts/fetch-pocketbase.sh</c> (which the test command runs first).
    /// </summary>
    public static string PocketBaseBinary
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("HAPTA_POCKETBASE_BIN") is { Length: > 0 } configured
                ? configured
                : Path.Combine(RepositoryRoot, ".tools", "pocketbase", "pocketbase");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException(
                    $"PocketBase binary not found at {path}. Run Scripts/fetch-pocketbase.sh (or Scripts/test.sh), "
                    + "or set HAPTA_POCKETBASE_BIN.");
        }
    }

    public static string ProjectMigrations => Path.Combine(RepositoryRoot, "pocketbase", "pb_migrations");

    /// <summary>Extra collections only tests need (e.g. one whose rules are all admin-only).</summary>
    public static string TestMigrations => Path.Combine(AppContext.BaseDirectory, "Fixtures", "pb_migrations");

    /// <summary>The <c>hapta-server.dll</c> copied beside the tests by the project reference.</summary>
    public static string HaptaServerDll => Path.Combine(AppContext.BaseDirectory, "hapta-server.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hapta.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find Hapta.sln above " + AppContext.BaseDirectory);
    }
}
