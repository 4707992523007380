using Microsoft.Extensions.Configuration;

namespace Hapta.Configuration.Tests;

/// <summary>
/// The provider reads the real process environment, so every test clears the legacy names for its duration
/// (and sets the ones it needs) inside a collection that never runs beside another test.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class LegacySettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hapta-legacy-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_DotEnvWithLegacyNames_MapsThemOntoHaptaKeys()
    {
        WriteDotEnv(
            "DB_URL=http://127.0.0.1:8090",
            "ADMIN_EMAIL=admin@example.com",
            "ADMIN_PASSWORD='pass word'",
            "HAPTA_ADMIN_KEY=0123456789abcdef0123456789abcdef");
        using var environment = ClearLegacyEnvironment();

        var sut = CreateSut();

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["Hapta:AdminKey"] = "0123456789abcdef0123456789abcdef",
                ["Hapta:PocketBase:AdminEmail"] = "admin@example.com",
                ["Hapta:PocketBase:AdminPassword"] = "pass word",
                ["Hapta:PocketBase:Url"] = "http://127.0.0.1:8090",
            },
            Leaves(sut));
    }

    [Fact]
    public void Load_DotEnvWithDoubleUnderscoreHaptaKeys_MapsThemOntoSections()
    {
        WriteDotEnv(
            "Hapta__Port=4000",
            "export Hapta__Catalog__MaxAge=00:00:10",
            "HAPTA__CLUSTER__REDIS=127.0.0.1:6379");
        using var environment = ClearLegacyEnvironment();

        var sut = CreateSut();

        Assert.Equal("4000", sut["Hapta:Port"]);
        Assert.Equal("00:00:10", sut["Hapta:Catalog:MaxAge"]);
        Assert.Equal("127.0.0.1:6379", sut["Hapta:Cluster:Redis"]);
        Assert.Equal(3, Leaves(sut).Count);
    }

    [Fact]
    public void Load_DotEnvWithOtherNames_IgnoresThem()
    {
        WriteDotEnv(
            "PORT=80",
            "Orleans__ClusterId=other",
            "HaptaPort=4000",
            "db_url=http://lower.case:8090",
            "ADMIN_EMAIL=admin@example.com");
        using var environment = ClearLegacyEnvironment();

        var sut = CreateSut();

        Assert.Equal(
            new Dictionary<string, string?> { ["Hapta:PocketBase:AdminEmail"] = "admin@example.com" },
            Leaves(sut));
    }

    [Fact]
    public void Load_NoDotEnv_ReadsLegacyNamesFromTheEnvironment()
    {
        using var environment = ClearLegacyEnvironment(
            ("DB_URL", "http://pocketbase:8090"),
            ("HAPTA_ADMIN_KEY", "fedcba9876543210fedcba9876543210"));

        var sut = CreateSut();

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["Hapta:AdminKey"] = "fedcba9876543210fedcba9876543210",
                ["Hapta:PocketBase:Url"] = "http://pocketbase:8090",
            },
            Leaves(sut));
    }

    [Fact]
    public void Load_NameInEnvironmentAndDotEnv_EnvironmentWins()
    {
        WriteDotEnv("DB_URL=http://from-file:8090", "ADMIN_EMAIL=file@example.com");
        using var environment = ClearLegacyEnvironment(("DB_URL", "http://from-environment:8090"));

        var sut = CreateSut();

        Assert.Equal("http://from-environment:8090", sut["Hapta:PocketBase:Url"]);
        Assert.Equal("file@example.com", sut["Hapta:PocketBase:AdminEmail"]);
    }

    private IConfigurationRoot CreateSut() =>
        new ConfigurationBuilder().Add(new LegacySettings(_directory)).Build();

    private void WriteDotEnv(params string[] lines) =>
        File.WriteAllLines(Path.Combine(_directory, ".env"), lines);

    private static EnvironmentScope ClearLegacyEnvironment(params (string Name, string Value)[] set)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DB_URL"] = null,
            ["ADMIN_EMAIL"] = null,
            ["ADMIN_PASSWORD"] = null,
            ["HAPTA_ADMIN_KEY"] = null,
        };
        foreach (var (name, value) in set)
        {
            variables[name] = value;
        }

        return new EnvironmentScope(variables);
    }

    private static Dictionary<string, string?> Leaves(IConfiguration configuration) =>
        configuration.AsEnumerable()
            .Where(static pair => pair.Value is not null)
            .ToDictionary(static pair => pair.Key, static pair => pair.Value, StringComparer.Ordinal);
}
