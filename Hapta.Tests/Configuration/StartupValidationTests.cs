using Microsoft.Extensions.Configuration;

namespace Hapta.Configuration.Tests;

public sealed class StartupValidationTests
{
    [Fact]
    public void Validate_EmptyConfiguration_ReportsEveryMissingPocketBaseSettingAtOnce()
    {
        var configuration = new ConfigurationBuilder().Build();

        var problems = StartupValidation.Validate(configuration, isDevelopment: true);

        Assert.Equal(3, problems.Count);
        Assert.Single(problems, static p => p.Contains("Hapta:PocketBase:Url", StringComparison.Ordinal)
            && p.Contains("DB_URL", StringComparison.Ordinal));
        Assert.Single(problems, static p => p.Contains("Hapta:PocketBase:AdminEmail", StringComparison.Ordinal)
            && p.Contains("ADMIN_EMAIL", StringComparison.Ordinal));
        Assert.Single(problems, static p => p.Contains("Hapta:PocketBase:AdminPassword", StringComparison.Ordinal)
            && p.Contains("ADMIN_PASSWORD", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ValidConfiguration_ReportsNothing()
    {
        var configuration = CreateConfiguration();

        var problems = StartupValidation.Validate(configuration);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:8090")]
    [InlineData("file:///var/pb")]
    [InlineData("127.0.0.1:8090")]
    [InlineData("/api")]
    public void Validate_UrlThatIsNotAbsoluteHttp_ReportsTheUrl(string url)
    {
        var configuration = CreateConfiguration(("Hapta:PocketBase:Url", url));

        var problems = StartupValidation.Validate(configuration);

        Assert.Equal(
            [
                "Hapta:PocketBase:Url (env DB_URL) must be an absolute http:// or https:// URL, "
                + "e.g. http://127.0.0.1:8090.",
            ],
            problems);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8090")]
    [InlineData("https://pb.example.com/")]
    public void Validate_AbsoluteHttpUrl_ReportsNothing(string url)
    {
        var configuration = CreateConfiguration(("Hapta:PocketBase:Url", url));

        var problems = StartupValidation.Validate(configuration);

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_UnconvertibleValue_NamesTheKeyAndTheValue()
    {
        var configuration = CreateConfiguration(("Hapta:Port", "abc"));

        var problems = StartupValidation.Validate(configuration);

        var problem = Assert.Single(problems);
        Assert.StartsWith("Hapta:Port:", problem, StringComparison.Ordinal);
        Assert.Contains("'abc'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnconvertibleValueBesideMissingSettings_ReportsThemAll()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Hapta:PocketBase:Timeout", "soon")])
            .Build();

        var problems = StartupValidation.Validate(configuration, isDevelopment: true);

        Assert.Equal(4, problems.Count);
        Assert.Single(problems, static p => p.StartsWith("Hapta:PocketBase:Timeout: 'soon'", StringComparison.Ordinal));
        Assert.Single(problems, static p => p.Contains("DB_URL", StringComparison.Ordinal));
        Assert.Single(problems, static p => p.Contains("ADMIN_EMAIL", StringComparison.Ordinal));
        Assert.Single(problems, static p => p.Contains("ADMIN_PASSWORD", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("0123456789012345678901234567890")]
    public void Validate_AdminKeyShorterThan32Characters_ReportsTheKey(string key)
    {
        var configuration = CreateConfiguration(("Hapta:AdminKey", key));

        var problems = StartupValidation.Validate(configuration);

        var problem = Assert.Single(problems);
        Assert.StartsWith(
            "Hapta:AdminKey (env HAPTA_ADMIN_KEY) must be at least 32 characters",
            problem,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AdminKeyOf32Characters_ReportsNothing()
    {
        var configuration = CreateConfiguration(("Hapta:AdminKey", new string('k', 32)));

        var problems = StartupValidation.Validate(configuration);

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_AttemptTimeoutAboveTimeout_ReportsBothKeys()
    {
        var configuration = CreateConfiguration(
            ("Hapta:PocketBase:Timeout", "00:00:05"),
            ("Hapta:PocketBase:AttemptTimeout", "00:00:06"));

        var problems = StartupValidation.Validate(configuration);

        Assert.Equal(["Hapta:PocketBase:AttemptTimeout must not exceed Hapta:PocketBase:Timeout."], problems);
    }

    [Fact]
    public void Validate_AttemptTimeoutEqualToTimeout_ReportsNothing()
    {
        var configuration = CreateConfiguration(
            ("Hapta:PocketBase:Timeout", "00:00:05"),
            ("Hapta:PocketBase:AttemptTimeout", "00:00:05"));

        var problems = StartupValidation.Validate(configuration);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("Hapta:Port", "0", "Hapta:Port must be between 1 and 65535.")]
    [InlineData("Hapta:Catalog:MaxAge", "00:00:00.050", "Hapta:Catalog:MaxAge must be between 100 ms and 1 hour.")]
    [InlineData("Hapta:Cluster:SiloPort", "70000", "Hapta:Cluster:SiloPort must be between 1 and 65535.")]
    [InlineData("Hapta:MaxJsonBodyBytes", "10", "Hapta:MaxJsonBodyBytes must be between 1 KiB and 64 MiB.")]
    public void Validate_ValueOutOfRange_ReportsItsRange(string key, string value, string expected)
    {
        var configuration = CreateConfiguration((key, value));

        var problems = StartupValidation.Validate(configuration);

        Assert.Equal([expected], problems);
    }

    /// <summary>A valid configuration with each of <paramref name="overrides"/> set on top.</summary>
    [Fact]
    public void Validate_TrustedProxiesThatAreNotAddresses_ReportsEach()
    {
        var configuration = CreateConfiguration(
            ("Hapta:TrustedProxies:0", "10.0.0.5"),
            ("Hapta:TrustedProxies:1", "10.0.0.0/8"),
            ("Hapta:TrustedProxies:2", "proxy.internal"),
            ("Hapta:TrustedProxies:3", "10.0.0.0/99"));

        var problems = StartupValidation.Validate(configuration);

        Assert.Equal(2, problems.Count);
        Assert.Contains("'proxy.internal'", problems[0], StringComparison.Ordinal);
        Assert.Contains("'10.0.0.0/99'", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BlankTrustedProxy_MeansNone()
    {
        // docker-compose passes an unset HAPTA_TRUSTED_PROXIES as an empty value.
        var configuration = CreateConfiguration(("Hapta:TrustedProxies:0", ""));

        var problems = StartupValidation.Validate(configuration);

        Assert.Empty(problems);
        Assert.False(ForwardedClients.AnyConfigured([""]));
        Assert.True(ForwardedClients.AnyConfigured(["", "10.0.0.5"]));
    }

    [Fact]
    public void Validate_TighteningRules_BoundAndCheckedWithTheRest()
    {
        var configuration = CreateConfiguration(
            ("Hapta:Validation:Collections:posts:content:MaxLength", "2000"),
            ("Hapta:Validation:Collections:posts:likesCount:ReadOnly", "true"),
            ("Hapta:Validation:Collections:posts:title:MinLength", "10"),
            ("Hapta:Validation:Collections:posts:title:MaxLength", "5"),
            ("Hapta:Validation:HiddenCollections:0", "internal"));

        var problems = StartupValidation.Validate(configuration);

        Assert.Equal(
            ["Hapta:Validation:Collections:posts:title: MinLength (10) is above MaxLength (5)."], problems);
    }

    [Fact]
    public void Validate_OnePolicySettingGiven_KeepsThePolicyDefaultsForTheRest()
    {
        var configuration = CreateConfiguration(("Hapta:RateLimit:User:Max", "5"), ("Hapta:RateLimit:Max", "50"));

        var problems = StartupValidation.Validate(configuration);

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_BadRateLimits_ReportsEveryOneUnderItsKey()
    {
        var configuration = CreateConfiguration(
            ("Hapta:RateLimit:Max", "0"),
            ("Hapta:RateLimit:User:Max", "0"),
            ("Hapta:RateLimit:Auth:Duration", "-1"),
            ("Hapta:RateLimit:Global:Burst", "20000000"));

        var problems = StartupValidation.Validate(configuration);

        Assert.Equal(4, problems.Count);
        Assert.Single(problems, static p => p.StartsWith("Hapta:RateLimit:Max", StringComparison.Ordinal));
        Assert.Single(problems, static p => p.StartsWith("Hapta:RateLimit:User:Max", StringComparison.Ordinal));
        Assert.Single(problems, static p => p.StartsWith("Hapta:RateLimit:Auth:Duration", StringComparison.Ordinal));
        Assert.Single(problems, static p => p.StartsWith("Hapta:RateLimit:Global:Burst", StringComparison.Ordinal));
    }

    private static IConfiguration CreateConfiguration(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Hapta:PocketBase:Url"] = "http://127.0.0.1:8090",
            ["Hapta:PocketBase:AdminEmail"] = "admin@example.com",
            ["Hapta:PocketBase:AdminPassword"] = "correct horse battery staple",
            ["Hapta:Sessions:Secret"] = "q8Vr2mXc9LwT4zYb7NfK1sHd6JpG3aEu",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    [Fact]
    public void Validate_NoSecretOutsideDevelopment_ReportsHowToMakeOne()
    {
        var configuration = CreateConfiguration(("Hapta:Sessions:Secret", ""));

        var problems = StartupValidation.Validate(configuration, isDevelopment: false);

        var problem = Assert.Single(problems);
        Assert.Contains("HAPTA_SECRET", problem, StringComparison.Ordinal);
        Assert.Contains("openssl rand", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoSecretInDevelopment_ReportsNothing()
    {
        var configuration = CreateConfiguration(("Hapta:Sessions:Secret", ""));

        var problems = StartupValidation.Validate(configuration, isDevelopment: true);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("too-short-but-random-Xq9")]
    [InlineData("kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk")]
    [InlineData("my-super-secret-value-for-production-use")]
    [InlineData("changeme-changeme-changeme-changeme-1234")]
    public void Validate_WeakSecret_Refused(string secret)
    {
        var configuration = CreateConfiguration(("Hapta:Sessions:Secret", secret));

        var problems = StartupValidation.Validate(configuration);

        var problem = Assert.Single(problems);
        Assert.StartsWith("Hapta:Sessions:Secret (env HAPTA_SECRET)", problem, StringComparison.Ordinal);
    }
}
