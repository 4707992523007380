using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Hapta.Bench.Load;
using Hapta.Bench.PocketBase;
using Hapta.Bench.Processes;

namespace Hapta.Bench.Running;

internal sealed partial class BenchRun
{
    /// <summary>W6's global limit: 200 calls to PocketBase a second, and at most 200 at once.</summary>
    private const int GlobalMax = 200;
    private const int GlobalDurationMs = 1000;
    private const int GlobalBurst = 200;

    /// <summary>W6 asks five times what the global limit admits.</summary>
    private const int OvershootRate = 5 * GlobalMax;
    private const int OvershootInFlight = 256;

    /// <summary>
    /// W6: two silos clustered through a fresh redis-server share one global limit; requests that each need
    /// PocketBase (a list with a filter no other request has) are sent through both in turn at five times the
    /// limit, and the admitted ones are set against the most the limit allows. A short unrecorded run first
    /// warms both silos up; the pause after it lets the bucket fill again.
    /// </summary>
    private async Task RunOvershootAsync(CancellationToken cancellationToken)
    {
        progress.Say("W6: starting redis-server and two hapta-server silos clustered through it, with a global "
            + $"limit of {GlobalMax} calls to PocketBase per {GlobalDurationMs} ms (burst {GlobalBurst}), other "
            + "limits out of reach");
        await using var redis = await RedisServer.StartAsync(
            Path.Combine(options.ResultsDirectory, "redis"),
            Path.Combine(options.ResultsDirectory, "redis.log"),
            _pids,
            time,
            cancellationToken);
        var adminKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var secrets = new Dictionary<string, string>
        {
            // The silos of one cluster must agree on the token secret; the admin key shows their membership.
            ["Hapta__Sessions__Secret"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            ["Hapta__AdminKey"] = adminKey,
        };
        string[] settings =
        [
            .. RateLimitSettings.GlobalOnly(GlobalMax, GlobalDurationMs, GlobalBurst),
            "--Hapta:Cluster:Redis=" + redis.ConnectionString,
            string.Create(CultureInfo.InvariantCulture, $"--Hapta:Cluster:ClusterId=bench-{redis.Port}"),
        ];
        await using var first = await StartHaptaAsync(
            "Hapta silo 1", "hapta-silo-1", settings, cancellationToken, secrets);
        await using var second = await StartHaptaAsync(
            "Hapta silo 2", "hapta-silo-2", settings, cancellationToken, secrets);
        Uri[] silos = [first.Url, second.Url];
        await WaitForMembersAsync(silos, adminKey, cancellationToken);
        progress.Say($"  redis 127.0.0.1:{redis.Port} (pid {redis.Process.Id}); silos {first.Url} (pid "
            + $"{first.Process.Id}) and {second.Url} (pid {second.Process.Id}) see each other");

        var runner = new PacedRunner(time);
        await runner.RunAsync(
            silos, "warm", GlobalMax / 2, TimeSpan.FromSeconds(2), OvershootInFlight, cancellationToken);
        await Task.Delay(Gap, time, cancellationToken);

        progress.Say($"W6 {OvershootRate:N0} req/s through the 2 silos in turn for "
            + $"{options.OvershootDuration.TotalSeconds:0} s, each request a list with a filter of its own");
        var start = time.GetUtcNow();
        var result = await runner.RunAsync(
            silos, "w6", OvershootRate, options.OvershootDuration, OvershootInFlight, cancellationToken);
        var end = time.GetUtcNow();
        _overshoot = new OvershootRecord
        {
            Max = GlobalMax,
            Duration = TimeSpan.FromMilliseconds(GlobalDurationMs),
            Burst = GlobalBurst,
            Silos = silos.Length,
            Window = new LogWindow(start, end + WindowPad),
            Result = result,
        };
        var perSilo = string.Join(
            " + ", result.AdmittedPerSilo.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)));
        progress.Say($"    {result.Sent:N0} sent in {result.SendingTime.TotalSeconds:0.0} s: {result.Admitted:N0} "
            + $"admitted ({perSilo} by silo), {result.Throttled:N0} refused with 429, {result.SocketErrors:N0} "
            + $"unanswered; the limit allows {_overshoot.Allowed:N0} in {result.LastAdmittedAt.TotalSeconds:0.00} s: "
            + $"overshoot {_overshoot.Overshoot:0.00%}, used {_overshoot.Used:0.0%}");
        await Task.Delay(Gap, time, cancellationToken);
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
