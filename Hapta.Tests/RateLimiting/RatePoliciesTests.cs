using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hapta.RateLimiting.Tests;

/// <summary>
/// From configuration to policies: the defaults and their header items, disabled policies, validation that names
/// every bad key at once, and the original Hapta's <c>ratelimit</c> section under <c>Hapta:RateLimit</c>.
/// </summary>
public sealed class RatePoliciesTests
{
    private const string Range = "must be between 1 and 10000000.";

    [Theory]
    [InlineData("ip", "\"ip\";q=1200;w=60")]
    [InlineData("user", "\"user\";q=600;w=60")]
    [InlineData("global", "\"global\";q=2000;w=2")]
    [InlineData("auth", "\"auth\";q=20;w=60")]
    [InlineData("auth-identity", "\"auth-identity\";q=10;w=600")]
    [InlineData("login", "\"login\";q=20;w=2")]
    [InlineData("read", "\"read\";q=600;w=60")]
    [InlineData("write", "\"write\";q=120;w=60")]
    [InlineData("file", "\"file\";q=300;w=60")]
    [InlineData("realtime", "\"realtime\";q=30;w=60")]
    public void All_Defaults_HasEachPolicyWithItsHeaderItem(string name, string expected)
    {
        var sut = CreateSut();

        Assert.Equal(expected, sut.All[name].PolicyHeaderItem);
        Assert.Equal(name, sut.All[name].Name);
    }

    [Fact]
    public void Properties_Defaults_NameEachPolicyAndTheGlobalBurst()
    {
        var sut = CreateSut();

        string?[] names =
        [
            sut.Ip?.Name, sut.User?.Name, sut.Global?.Name, sut.Auth?.Name, sut.AuthIdentity?.Name, sut.Login?.Name,
            sut.Read?.Name, sut.Write?.Name, sut.File?.Name, sut.Realtime?.Name,
        ];
        string?[] expected =
            ["ip", "user", "global", "auth", "auth-identity", "login", "read", "write", "file", "realtime"];
        Assert.Equal(expected, names);
        Assert.Equal(10, sut.All.Count);
        Assert.True(sut.Enabled);
        Assert.Equal(RateRule.PerWindow(2_000, TimeSpan.FromSeconds(2)), sut.Global!.Rule);
        Assert.Equal(RateRule.PerWindow(1_200, TimeSpan.FromMinutes(1)), sut.Ip!.Rule);
        Assert.Equal("Too many requests. Please slow down and retry later.", sut.Message);
    }

    [Fact]
    public void All_NameInAnotherCase_FindsThePolicy()
    {
        var sut = CreateSut();

        Assert.Same(sut.AuthIdentity, sut.All["AUTH-Identity"]);
    }

    [Theory]
    [InlineData(RouteClass.Auth, "auth")]
    [InlineData(RouteClass.Read, "read")]
    [InlineData(RouteClass.Write, "write")]
    [InlineData(RouteClass.File, "file")]
    [InlineData(RouteClass.Realtime, "realtime")]
    [InlineData(RouteClass.Other, null)]
    [InlineData(RouteClass.Exempt, null)]
    public void For_RouteClass_IsItsPerRoutePolicy(RouteClass route, string? expected)
    {
        var sut = CreateSut();

        Assert.Equal(expected, sut.For(route)?.Name);
    }

    [Fact]
    public void Constructor_PolicyDisabled_IsNullAndNotListed()
    {
        var sut = CreateSut(static o =>
        {
            o.Read.Enabled = false;
            o.IP = false;
        });

        Assert.Null(sut.Read);
        Assert.Null(sut.For(RouteClass.Read));
        Assert.Null(sut.Ip);
        Assert.False(sut.All.ContainsKey("read"));
        Assert.False(sut.All.ContainsKey("ip"));
        Assert.Equal(8, sut.All.Count);
        Assert.NotNull(sut.Write);
    }

    [Fact]
    public void Constructor_RateLimitingDisabled_EveryPolicyIsNull()
    {
        var sut = CreateSut(static o => o.IsEnabled = false);

        RatePolicy?[] policies =
        [
            sut.Ip, sut.User, sut.Global, sut.Auth, sut.AuthIdentity, sut.Login, sut.Read, sut.Write, sut.File,
            sut.Realtime,
        ];
        Assert.All(policies, Assert.Null);
        Assert.Empty(sut.All);
        Assert.False(sut.Enabled);
    }

    [Theory]
    [InlineData(1_000, "w=1")]
    [InlineData(1_500, "w=2")]
    [InlineData(86_400_000, "w=86400")]
    public void PolicyHeaderItem_WindowInMilliseconds_IsWholeSecondsRoundedUp(int duration, string expected)
    {
        var sut = new RatePolicy("p", RateRule.PerWindow(7, TimeSpan.FromMilliseconds(duration)));

        Assert.Equal("\"p\";q=7;" + expected, sut.PolicyHeaderItem);
        Assert.Equal("p/203.0.113.7", sut.GrainKey("203.0.113.7"));
    }

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var sut = new RateLimitOptionsValidator();

        var result = sut.Validate(null, new RateLimitOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_SeveralBadPolicies_ReportsEachUnderItsKey()
    {
        var sut = new RateLimitOptionsValidator();
        var options = new RateLimitOptions();
        options.User.Max = 0;
        options.Global.Duration = 86_400_001;
        options.Auth.Burst = 0;
        options.Realtime.Max = -1;
        options.Realtime.Duration = 0;

        var result = sut.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            [
                $"Hapta:RateLimit:User:Max: The field Max {Range}",
                "Hapta:RateLimit:Global:Duration: The field Duration must be between 1 and 86400000.",
                $"Hapta:RateLimit:Auth:Burst: The field Burst {Range}",
                $"Hapta:RateLimit:Realtime:Max: The field Max {Range}",
                "Hapta:RateLimit:Realtime:Duration: The field Duration must be between 1 and 86400000.",
            ],
            result.Failures);
    }

    [Fact]
    public void Options_BadTopLevelAndNestedKeys_FailTogetherWhenResolved()
    {
        using var services = Resolve(new()
        {
            ["Hapta:RateLimit:Max"] = "0",
            ["Hapta:RateLimit:Write:Max"] = "0",
            ["Hapta:RateLimit:File:Burst"] = "10000001",
        });

        var error = Assert.Throws<OptionsValidationException>(
            () => services.GetRequiredService<IOptions<RateLimitOptions>>().Value);

        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(
            error.Failures,
            static f => f.Contains("Hapta:RateLimit:Max must be between 1 and 10,000,000.", StringComparison.Ordinal));
        Assert.Contains($"Hapta:RateLimit:Write:Max: The field Max {Range}", error.Failures);
        Assert.Contains($"Hapta:RateLimit:File:Burst: The field Burst {Range}", error.Failures);
    }

    [Fact]
    public void Options_LegacySectionOnly_IsRead()
    {
        using var services = Resolve(new()
        {
            ["ratelimit:max"] = "50",
            ["ratelimit:duration"] = "10000",
            ["ratelimit:ip"] = "false",
            ["ratelimit:message"] = "Easy there.",
        });

        var options = services.GetRequiredService<IOptions<RateLimitOptions>>().Value;

        Assert.Equal((50, 10_000, false), (options.Max, options.Duration, options.IP));
        Assert.Equal("Easy there.", options.Message);
        Assert.Null(services.GetRequiredService<RatePolicies>().Ip);
    }

    [Fact]
    public void Options_BothSections_HaptaRateLimitOverridesKeyByKey()
    {
        using var services = Resolve(new()
        {
            ["ratelimit:Max"] = "50",
            ["ratelimit:Duration"] = "10000",
            ["ratelimit:isEnabled"] = "false",
            ["Hapta:RateLimit:Max"] = "70",
            ["Hapta:RateLimit:IsEnabled"] = "true",
        });

        var options = services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var ip = services.GetRequiredService<RatePolicies>().Ip;

        Assert.Equal((70, 10_000, true), (options.Max, options.Duration, options.IsEnabled));
        Assert.Equal("\"ip\";q=70;w=10", ip?.PolicyHeaderItem);
    }

    [Fact]
    public void Options_OneKeyOfAPolicy_KeepsThePolicysOtherDefaults()
    {
        using var services = Resolve(new() { ["Hapta:RateLimit:Auth:Max"] = "5" });

        var auth = services.GetRequiredService<RatePolicies>().Auth;

        Assert.Equal(RateRule.PerWindow(5, TimeSpan.FromMinutes(1)), auth?.Rule);
        Assert.Equal("\"auth\";q=5;w=60", auth?.PolicyHeaderItem);
    }

    private static RatePolicies CreateSut(Action<RateLimitOptions>? configure = null)
    {
        var options = new RateLimitOptions();
        configure?.Invoke(options);
        return new RatePolicies(Options.Create(options));
    }

    private static ServiceProvider Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddHaptaRateLimiting(configuration).BuildServiceProvider();
    }
}
