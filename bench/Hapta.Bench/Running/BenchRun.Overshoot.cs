using System.Globalization;
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
        await using var cluster = await StartClusterAsync(
            RateLimitSettings.GlobalOnly(GlobalMax, GlobalDurationMs, GlobalBurst), cancellationToken);
        var silos = cluster.Urls;

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
}
