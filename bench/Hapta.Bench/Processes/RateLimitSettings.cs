using System.Globalization;

namespace Hapta.Bench.Processes;

/// <summary>
/// The rate limits a bench Hapta runs with (section <c>Hapta:RateLimit</c>). Every request of the driver comes
/// from 127.0.0.1, which Hapta's defaults would refuse within a second (1,200 requests a minute per IP), so the
/// throughput workloads run with limits that are on but out of reach: the limiter does all its work, and its
/// cost is in the figures, but it never refuses.
/// </summary>
internal static class RateLimitSettings
{
    /// <summary>The largest <c>Max</c> Hapta's options accept.</summary>
    public const int RoomyMax = 10_000_000;

    /// <summary>The window of the roomy limits, in milliseconds: ten million requests a second.</summary>
    public const int RoomyDurationMs = 1000;

    private static readonly string[] Policies =
        ["User", "Global", "Auth", "AuthIdentity", "Login", "Write", "Read", "File", "Realtime"];

    /// <summary>Every limit on, the per-IP one and every named policy at ten million requests a second.</summary>
    public static IReadOnlyList<string> Roomy { get; } = RoomyExcept(null);

    /// <summary>No limit at all: the limiter is skipped (<c>IsEnabled=false</c>).</summary>
    public static IReadOnlyList<string> Off { get; } = ["--Hapta:RateLimit:IsEnabled=false"];

    /// <summary>
    /// Hapta's default limits, with 127.0.0.1 believed as a proxy, so that the driver presents client addresses
    /// of its own in <c>X-Forwarded-For</c>.
    /// </summary>
    public static IReadOnlyList<string> DefaultsBehindLoopbackProxy { get; } = ["--Hapta:TrustedProxies:0=127.0.0.1"];

    /// <summary>The roomy limits, but a global limit (calls to PocketBase) of the given shape.</summary>
    public static IReadOnlyList<string> GlobalOnly(int max, int durationMs, int burst) =>
    [
        .. RoomyExcept("Global"),
        Setting("Global:Max", max),
        Setting("Global:Duration", durationMs),
        Setting("Global:Burst", burst),
    ];

    private static string[] RoomyExcept(string? policy) =>
    [
        Setting("IsEnabled", "true"),
        Setting("Max", RoomyMax),
        Setting("Duration", RoomyDurationMs),
        .. Policies.Where(name => name != policy).SelectMany(name => new[]
        {
            Setting(name + ":Enabled", "true"),
            Setting(name + ":Max", RoomyMax),
            Setting(name + ":Duration", RoomyDurationMs),
        }),
    ];

    private static string Setting(string name, object value) =>
        string.Create(CultureInfo.InvariantCulture, $"--Hapta:RateLimit:{name}={value}");
}
