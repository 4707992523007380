using System.Text.Json.Nodes;

namespace Hapta.Tests.Infrastructure;

/// <summary>
/// A fresh redis-server and two <c>hapta-server</c> processes clustered through it in front of one PocketBase,
/// started one after the other and returned once each sees both in the membership.
/// </summary>
internal sealed class TwoSilos : IAsyncDisposable
{
    private readonly RedisProcess _redis;

    private TwoSilos(RedisProcess redis, HaptaProcess first, HaptaProcess second)
    {
        _redis = redis;
        First = first;
        Second = second;
    }

    public HaptaProcess First { get; }

    public HaptaProcess Second { get; }

    /// <summary>Starts both silos with <paramref name="extra"/> settings after the shared ones.</summary>
    public static async Task<TwoSilos> StartAsync(PocketBaseProcess pocketBase, params string[] extra)
    {
        var adminKey = SocialData.Unique("admin-key-") + new string('k', 24);
        var redis = await RedisProcess.StartAsync().Within("redis start-up");
        string[] arguments =
        [
            .. HaptaProcess.PocketBaseArguments(pocketBase),
            .. HaptaProcess.RoomyRateLimits(),
            $"--Hapta:Cluster:Redis={redis.ConnectionString}",
            $"--Hapta:Cluster:ClusterId=test-{redis.Port}",
            $"--Hapta:AdminKey={adminKey}",
            .. extra,
        ];
        var first = HaptaProcess.Start([.. arguments, .. HaptaProcess.SiloPortArguments()]);
        await first.WaitReadyAsync();
        var second = HaptaProcess.Start([.. arguments, .. HaptaProcess.SiloPortArguments()]);
        await second.WaitReadyAsync();
        await Guard.Until(
            async () => await ActiveSilosAsync(first, adminKey) == 2 && await ActiveSilosAsync(second, adminKey) == 2,
            "membership: both silos see two",
            TimeSpan.FromSeconds(60));
        return new TwoSilos(redis, first, second);
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private static async Task<int> ActiveSilosAsync(HaptaProcess server, string adminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hapta/admin/cluster");
        request.Headers.Authorization = new("Bearer", adminKey);
        using var response = await server.Http.SendAsync(request).Within("GET /hapta/admin/cluster");
        var answer = await Answer.ReadAsync(response);
        return answer.Status == 200 ? (answer.Json!["activeSilos"] as JsonArray)?.Count ?? 0 : 0;
    }
}
