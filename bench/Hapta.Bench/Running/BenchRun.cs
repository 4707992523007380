using System.Text.Json;
using System.Text.Json.Serialization;
using Hapta.Bench.Load;
using Hapta.Bench.PocketBase;
using Hapta.Bench.Processes;
using Hapta.Bench.Reporting;

namespace Hapta.Bench.Running;

/// <summary>
/// One benchmark run, start to finish: PocketBase with the seed and W7's files, Hapta (and for W1 a second Hapta with
/// rate limiting off), the bare Kestrel endpoint; W1, W2, W1u and W7 with wrk; W3, W3w and W4 with the mix generator;
/// the W5 login storm against a Hapta with the default limits and against PocketBase direct; W6 against two silos
/// sharing a small global limit; W8, realtime fan-out to 2,000 subscribers on two silos; then PocketBase's request
/// log is counted and the report written. Every process it starts is stopped on the way out, whatever happens.
/// <see cref="BenchOptions.Only"/> leaves workloads out.
/// </summary>
internal sealed partial class BenchRun(BenchOptions options, TimeProvider time, Progress progress)
{
    private static readonly TimeSpan Gap = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan WindowPad = TimeSpan.FromSeconds(1);

    private readonly List<RunRecord> _runs = [];
    private readonly List<StormRecord> _storms = [];
    private readonly PidFile _pids = new(Path.Combine(options.ResultsDirectory, "pids"));
    private PocketBaseServer? _pocketBase;
    private HaptaServer? _hapta;
    private HaptaServer? _unlimited;
    private FixedServer? _kestrel;
    private OvershootRecord? _overshoot;
    private MediaRecord? _media;
    private int _haptaStarts;
    private int _fixedCases;
    private int _clusterStarts;

    private PocketBaseServer PocketBase => _pocketBase ?? throw new InvalidOperationException("PocketBase is not up");

    private HaptaServer Hapta => _hapta ?? throw new InvalidOperationException("Hapta is not up");

    private HaptaServer Unlimited => _unlimited ?? throw new InvalidOperationException("Hapta (limits off) is not up");

    private FixedServer Kestrel => _kestrel ?? throw new InvalidOperationException("Kestrel is not up");

    private MediaRecord Media => _media ?? throw new InvalidOperationException("W7's files are not uploaded");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.ResultsDirectory);
        var machine = await MachineInfo.ReadAsync(options, cancellationToken);
        await using var sampler = new LoadSampler(time);
        var startedAt = time.GetUtcNow();
        progress.Say($"results go to {options.ResultsDirectory}; load average now {LoadSampler.Current():0.00}");
        BodySizes sizes;
        try
        {
            progress.Say("starting PocketBase with the project migrations and the bench seed");
            _pocketBase = await PocketBaseServer.StartAsync(options, _pids, time, cancellationToken);
            using var admin = new PocketBaseAdmin(PocketBase.Url);
            await admin.LoginAsync(PocketBase.AdminEmail, PocketBase.AdminPassword, cancellationToken);
            var seed = await SeedData.LoadAsync(admin, cancellationToken);
            progress.Say($"  {PocketBase.Url} (pid {PocketBase.Process.Id}): {seed.Posts.Count} posts "
                + $"({seed.Posts.Count(p => p.IsPublic)} public) by {seed.Users.Count} users");
            _media = await MediaSeed.UploadAsync(admin, cancellationToken);
            progress.Say($"  W7's files uploaded to media record {Media.Id}: {Media.Small.Name} "
                + $"({Media.Small.Length:N0} B) and {Media.Large.Name} ({Media.Large.Length:N0} B)");

            await RestartHaptaAsync(cancellationToken);
            if (options.Runs("W1"))
            {
                progress.Say("starting a second hapta-server with rate limiting off, for W1 only");
                _unlimited = await StartHaptaAsync(
                    "Hapta (limits off)", "hapta-limits-off", RateLimitSettings.Off, cancellationToken);
                progress.Say($"  {Unlimited.Url} (pid {Unlimited.Process.Id}) is ready");
            }

            var viewed = MixPlan.Build(seed.Posts, options.MixReads, 0, 0, []).PostsByRank.First(post => post.IsPublic);
            sizes = await StartKestrelAsync(viewed, cancellationToken);

            var wrk = new WrkRunner(options.WrkScript, options.ResultsDirectory, _pids);
            if (options.Runs("W1") || options.Runs("W2") || options.Runs("W1u"))
            {
                await WarmUpAsync(wrk, viewed, cancellationToken);
                var user = options.Runs("W1u")
                    ? new FixedUser(
                        (await seed.LogInAsync(PocketBase.Url, 1, cancellationToken))[0].Token,
                        (await seed.LogInAsync(Hapta.Url, 1, cancellationToken))[0].Token)
                    : null;
                await RunFixedWorkloadsAsync(wrk, viewed, user, cancellationToken);
            }

            if (_unlimited is not null)
            {
                await _unlimited.DisposeAsync();
                _unlimited = null;
            }

            if (options.Runs("W7"))
            {
                await RunFileWorkloadsAsync(wrk, cancellationToken);
            }

            await RunMixesAsync(seed, cancellationToken);

            progress.Say("stopping Hapta and Kestrel");
            await StopFrontsAsync();
            if (options.Runs("W5"))
            {
                await RunLoginStormAsync(seed, cancellationToken);
            }

            if (options.Runs("W6"))
            {
                await RunOvershootAsync(cancellationToken);
            }

            if (options.Runs("W8"))
            {
                await RunRealtimeAsync(seed, cancellationToken);
            }

            progress.Say("counting what reached PocketBase from its request log");
            await CountRequestLogAsync(admin, cancellationToken);
        }
        finally
        {
            await StopFrontsAsync();
            if (_pocketBase is not null)
            {
                await _pocketBase.DisposeAsync();
                _pocketBase = null;
            }
        }

        var load = await sampler.StopAsync();
        var report = new BenchReport(
            options, machine, load, startedAt, progress.Elapsed, sizes, _runs, _storms, _overshoot, _realtime);
        await WriteResultsAsync(report, cancellationToken);
    }

    private async Task RestartHaptaAsync(CancellationToken cancellationToken)
    {
        if (_hapta is not null)
        {
            await _hapta.DisposeAsync();
            _hapta = null;
        }

        _haptaStarts++;
        progress.Say(_haptaStarts == 1
            ? "starting hapta-server (Release build), rate limits on but out of reach"
            : "restarting hapta-server, so that this workload starts cold");
        _hapta = await StartHaptaAsync(
            "Hapta", $"hapta-{_haptaStarts}", RateLimitSettings.Roomy, cancellationToken);
        progress.Say($"  {Hapta.Url} (pid {Hapta.Process.Id}) is ready");
    }

    /// <summary>A hapta-server in front of the bench PocketBase; <paramref name="file"/> names its log.</summary>
    private Task<HaptaServer> StartHaptaAsync(
        string name,
        string file,
        IReadOnlyList<string> settings,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? secrets = null) =>
        HaptaServer.StartAsync(
            options.HaptaServerDll,
            new HaptaLaunch
            {
                Name = name,
                WorkDirectory = Path.Combine(options.ResultsDirectory, "hapta"),
                LogPath = Path.Combine(options.ResultsDirectory, file + ".log"),
                Settings = settings,
                Secrets = secrets ?? new Dictionary<string, string>(),
            },
            PocketBase,
            _pids,
            time,
            cancellationToken);

    /// <summary>
    /// Counts every window of the run in PocketBase's request log at once, after every front has stopped, and
    /// files each count with its run.
    /// </summary>
    private async Task CountRequestLogAsync(PocketBaseAdmin admin, CancellationToken cancellationToken)
    {
        LogWindow[] windows =
        [
            .. _runs.Select(run => run.Window),
            .. _storms.Select(storm => storm.Window),
            .. _overshoot is { } overshoot ? [overshoot.Window] : Array.Empty<LogWindow>(),
            .. _realtime is { } realtime ? [realtime.Window] : Array.Empty<LogWindow>(),
        ];
        var counts = await new RequestLogCounter(admin, time, progress).CountAsync(windows, cancellationToken);
        for (var i = 0; i < _runs.Count; i++)
        {
            _runs[i] = _runs[i] with { ReachedPocketBase = counts[i] };
        }

        for (var i = 0; i < _storms.Count; i++)
        {
            _storms[i] = _storms[i] with { ReachedPocketBase = counts[_runs.Count + i] };
        }

        var next = _runs.Count + _storms.Count;
        if (_overshoot is not null)
        {
            _overshoot = _overshoot with { ReachedPocketBase = counts[next++] };
        }

        if (_realtime is not null)
        {
            _realtime = _realtime with { ReachedPocketBase = counts[next] };
        }
    }

    private async Task StopFrontsAsync()
    {
        if (_kestrel is not null)
        {
            await _kestrel.DisposeAsync();
            _kestrel = null;
        }

        if (_hapta is not null)
        {
            await _hapta.DisposeAsync();
            _hapta = null;
        }

        if (_unlimited is not null)
        {
            await _unlimited.DisposeAsync();
            _unlimited = null;
        }
    }

    private async Task WriteResultsAsync(BenchReport report, CancellationToken cancellationToken)
    {
        var json = new JsonSerializerOptions
        {
            WriteIndented = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Converters = { new JsonStringEnumConverter() },
        };
        await File.WriteAllTextAsync(
            Path.Combine(options.ResultsDirectory, "results.json"),
            JsonSerializer.Serialize(report, json),
            cancellationToken);

        var copy = Path.Combine(options.ResultsDirectory, "benchmarks.md");
        var markdown = ReportWriter.Write(report, options.ReportPath is { } path && File.Exists(path)
            ? await File.ReadAllTextAsync(path, cancellationToken)
            : null);
        await File.WriteAllTextAsync(copy, markdown, cancellationToken);
        if (options.ReportPath is { } reportPath)
        {
            await File.WriteAllTextAsync(reportPath, markdown, cancellationToken);
            progress.Say($"report written to {reportPath} (and {copy})");
        }
        else
        {
            progress.Say($"report written to {copy} (smoke run: docs/benchmarks.md left alone)");
        }

        Console.WriteLine();
        Console.WriteLine(ReportWriter.ResultsTable(report));
    }
}
