using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Hapta.Bench.Processes;

namespace Hapta.Bench.Running;

internal sealed partial class BenchRun
{
    /// <summary>
    /// A fresh redis-server (nothing saved) and two <c>hapta-server</c> silos clustered through it, each with
    /// <paramref name="settings"/>, once both list each other as active (W6, W8).
    /// </summary>
    private async Task<HaptaCluster> StartClusterAsync(
        IReadOnlyList<string> settings,
        CancellationToken cancellationToken)
    {
        // Each cluster has files of its own, so that W8's Redis and silos do not overwrite W6's.
        var run = ++_clusterStarts;
        var redis = await RedisServer.StartAsync(
            Path.Combine(options.ResultsDirectory, $"redis-{run}"),
            Path.Combine(options.ResultsDirectory, $"redis-{run}.log"),
            _pids,
            time,
            cancellationToken);
        var silos = new List<HaptaServer>();
        var cluster = new HaptaCluster(redis, silos);
        try
        {
            var adminKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            var secrets = new Dictionary<string, string>
            {
                // The silos of one cluster must agree on the token secret; the admin key shows their membership.
                ["Hapta__Sessions__Secret"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
                ["Hapta__AdminKey"] = adminKey,
            };
            string[] clustered =
            [
                .. settings,
                "--Hapta:Cluster:Redis=" + redis.ConnectionString,
                string.Create(CultureInfo.InvariantCulture, $"--Hapta:Cluster:ClusterId=bench-{redis.Port}"),
            ];
            for (var i = 1; i <= 2; i++)
            {
                silos.Add(await StartHaptaAsync(
                    $"Hapta silo {i}",
                    $"hapta-cluster-{run}-silo-{i}",
                    clustered,
                    cancellationToken,
                    secrets));
            }

            await WaitForMembersAsync(cluster.Urls, adminKey, cancellationToken);
            progress.Say($"  redis 127.0.0.1:{redis.Port} (pid {redis.Process.Id}); silos "
                + string.Join(" and ", silos.Select(silo => $"{silo.Url} (pid {silo.Process.Id})"))
                + " see each other");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until every silo lists them all as active (the admin API's cluster view).</summary>
    private async Task WaitForMembersAsync(
        IReadOnlyList<Uri> silos,
        string adminKey,
        CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var started = time.GetTimestamp();
        var seen = new int[silos.Count];
        while (true)
        {
            for (var i = 0; i < silos.Count; i++)
            {
                using var request = new HttpRequestMessage(
                    HttpMethod.Get, new Uri(silos[i], "/hapta/admin/cluster"));
                request.Headers.Add("X-Hapta-Admin-Key", adminKey);
                using var response = await http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                seen[i] = response.IsSuccessStatusCode && JsonNode.Parse(body)?["activeSilos"] is JsonArray active
                    ? active.Count
                    : 0;
            }

            if (seen.All(count => count == silos.Count))
            {
                return;
            }

            if (time.GetElapsedTime(started) > TimeSpan.FromSeconds(60))
            {
                throw new BenchFailedException("the silos did not form one cluster within 60 s: they see "
                    + $"{string.Join(" and ", seen)} active silos");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
        }
    }
}
