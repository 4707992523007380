using Hapta.Tests.Infrastructure;

namespace Hapta.RateLimiting.Tests;

/// <summary>
/// One real PocketBase and four Haptas in front of it, each with limits small enough to reach in a few requests
/// and windows of an hour, so that nothing refills while a test runs and every count is exact:
/// <see cref="Trusting"/> believes 127.0.0.1 as a proxy, so each test gives itself client addresses of its own
/// with <c>X-Forwarded-For</c>; <see cref="Untrusting"/> believes no proxy; <see cref="GlobalLimited"/> has a
/// small global limit on calls to PocketBase (and trusts 127.0.0.1, so no per-IP limit gets in the way).
/// <see cref="LoginLimited"/> has a small cluster-wide limit on password logins.
/// </summary>
public sealed class RateLimitGatewayFixture : IAsyncLifetime
{
    public const int IpMax = 12;
    public const int UserMax = 6;
    public const int WriteMax = 3;
    public const int AuthMax = 4;
    public const int AuthIdentityMax = 3;
    public const int GlobalMax = 3;
    public const int LoginMax = 3;
    public const string Message = "Slow down, friend.";

    private const string Hour = "3600000";

    internal PocketBaseProcess PocketBase { get; private set; } = null!;

    internal InProcessHapta Trusting { get; private set; } = null!;

    internal InProcessHapta Untrusting { get; private set; } = null!;

    internal InProcessHapta GlobalLimited { get; private set; } = null!;

    internal InProcessHapta LoginLimited { get; private set; } = null!;

    public string AdminKey { get; } = SocialData.Unique("admin-key-") + new string('k', 24);

    public async Task InitializeAsync()
    {
        PocketBase = await PocketBaseProcess.StartAsync()
            .Within("rate-limit fixture: PocketBase", TimeSpan.FromSeconds(60));
        Trusting = await InProcessHapta.StartAsync(
                PocketBase,
                [
                    $"--Hapta:AdminKey={AdminKey}",
                    "--Hapta:TrustedProxies:0=127.0.0.1",
                    $"--Hapta:RateLimit:Message={Message}",
                    $"--Hapta:RateLimit:Max={IpMax}",
                    $"--Hapta:RateLimit:Duration={Hour}",
                    .. Policy("User", UserMax),
                    .. Policy("Write", WriteMax),
                    .. Policy("Auth", AuthMax),
                    .. Policy("AuthIdentity", AuthIdentityMax),
                ])
            .Within("rate-limit fixture: trusting Hapta", TimeSpan.FromSeconds(90));
        Untrusting = await InProcessHapta.StartAsync(
                PocketBase,
                [$"--Hapta:RateLimit:Max={IpMax}", $"--Hapta:RateLimit:Duration={Hour}"])
            .Within("rate-limit fixture: untrusting Hapta", TimeSpan.FromSeconds(90));
        GlobalLimited = await InProcessHapta.StartAsync(
                PocketBase,
                ["--Hapta:TrustedProxies:0=127.0.0.1", "--Hapta:Cache:Enabled=false", .. Policy("Global", GlobalMax)])
            .Within("rate-limit fixture: Hapta with a small global limit", TimeSpan.FromSeconds(90));
        LoginLimited = await InProcessHapta.StartAsync(PocketBase, Policy("Login", LoginMax))
            .Within("rate-limit fixture: Hapta with a small login limit", TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync()
    {
        foreach (var hapta in new[] { Trusting, Untrusting, GlobalLimited, LoginLimited })
        {
            if (hapta is not null)
            {
                await hapta.DisposeAsync();
            }
        }

        if (PocketBase is not null)
        {
            await PocketBase.DisposeAsync();
        }
    }

    private static string[] Policy(string name, int max) =>
        [$"--Hapta:RateLimit:{name}:Max={max}", $"--Hapta:RateLimit:{name}:Duration={Hour}"];
}

[CollectionDefinition(Name)]
public sealed class RateLimitGatewayCollection : ICollectionFixture<RateLimitGatewayFixture>
{
    public const string Name = "RateLimitGateway";
}
