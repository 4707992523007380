using System.Globalization;

namespace Hapta.Bench.Running;

/// <summary>What one benchmark run does and where it writes; parsed from the command line.</summary>
internal sealed record BenchOptions
{
    /// <summary>The workloads, in the order a run drives them; <c>--only</c> picks among these names.</summary>
    public static readonly IReadOnlyList<string> Workloads =
        ["W1", "W2", "W1u", "W7", "W3", "W3w", "W4", "W5", "W6", "W8"];

    public required string RepositoryRoot { get; init; }

    public required string PocketBaseBinary { get; init; }

    public required string HaptaServerDll { get; init; }

    /// <summary>This run's folder under <c>bench/results/</c>: raw outputs, process logs, results.json.</summary>
    public required string ResultsDirectory { get; init; }

    /// <summary>Where the report goes besides the results folder (docs/benchmarks.md); none for smoke runs.</summary>
    public string? ReportPath { get; init; }

    /// <summary>The command line to print in the report.</summary>
    public string Command { get; init; } = "Scripts/bench.sh";

    /// <summary>The revision of the code under test, for the report.</summary>
    public string Revision { get; init; } = "unknown";

    /// <summary>Length of each wrk run of W1 and W2.</summary>
    public TimeSpan FixedDuration { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Reads of one W3 or W3w run.</summary>
    public int MixReads { get; init; } = 100_000;

    /// <summary>A W3 or W3w run stops taking new requests after this long, whatever it has done by then.</summary>
    public TimeSpan MixTimeLimit { get; init; } = TimeSpan.FromSeconds(150);

    /// <summary>
    /// The W5 storm against PocketBase direct stops sending after this long: there, each login of a real user is a
    /// bcrypt check.
    /// </summary>
    public TimeSpan StormTimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long W6 sends requests against the global limit.</summary>
    public TimeSpan OvershootDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The whole run is cancelled after this long.</summary>
    public TimeSpan OverallLimit { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The workloads to run (<c>--only W7</c>, <c>--only W1,W7</c>); null runs them all. W1 brings its run with
    /// limits off along.
    /// </summary>
    public IReadOnlyList<string>? Only { get; init; }

    public int Connections { get; init; } = 64;

    public int LoggedInUsers { get; init; } = 50;

    public string ProjectMigrations => Path.Combine(RepositoryRoot, "pocketbase", "pb_migrations");

    public string SeedMigrations => Path.Combine(RepositoryRoot, "bench", "pb_migrations");

    public string WrkScript => Path.Combine(RepositoryRoot, "bench", "wrk", "summary.lua");

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected '--name value' pairs, got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var value)
            ? value
            : throw new ArgumentException($"--{name} is required");

        var options = new BenchOptions
        {
            RepositoryRoot = Path.GetFullPath(Required("repo")),
            PocketBaseBinary = Path.GetFullPath(Required("pocketbase")),
            HaptaServerDll = Path.GetFullPath(Required("hapta-dll")),
            ResultsDirectory = Path.GetFullPath(Required("results")),
            ReportPath = values.TryGetValue("report", out var report) ? Path.GetFullPath(report) : null,
        };
        if (values.TryGetValue("command", out var command))
        {
            options = options with { Command = command };
        }

        if (values.TryGetValue("revision", out var revision))
        {
            options = options with { Revision = revision };
        }

        if (values.TryGetValue("duration", out var duration))
        {
            options = options with { FixedDuration = TimeSpan.FromSeconds(PositiveNumber("duration", duration)) };
        }

        if (values.TryGetValue("reads", out var reads))
        {
            options = options with { MixReads = PositiveNumber("reads", reads) };
        }

        if (values.TryGetValue("mix-time-limit", out var limit))
        {
            options = options with { MixTimeLimit = TimeSpan.FromSeconds(PositiveNumber("mix-time-limit", limit)) };
        }

        if (values.TryGetValue("storm-time-limit", out var storm))
        {
            options = options with
            {
                StormTimeLimit = TimeSpan.FromSeconds(PositiveNumber("storm-time-limit", storm)),
            };
        }

        if (values.TryGetValue("overshoot-duration", out var overshoot))
        {
            options = options with
            {
                OvershootDuration = TimeSpan.FromSeconds(PositiveNumber("overshoot-duration", overshoot)),
            };
        }

        if (values.TryGetValue("only", out var only))
        {
            options = options with { Only = ParseWorkloads(only) };
        }

        foreach (var name in values.Keys)
        {
            if (name is not ("repo" or "pocketbase" or "hapta-dll" or "results" or "report" or "command"
                or "revision" or "duration" or "reads" or "mix-time-limit" or "storm-time-limit"
                or "overshoot-duration" or "only"))
            {
                throw new ArgumentException($"unknown option --{name}");
            }
        }

        return options;
    }

    /// <summary>Whether this run drives <paramref name="workload"/>, one of <see cref="Workloads"/>.</summary>
    public bool Runs(string workload) => Only is null || Only.Contains(workload, StringComparer.Ordinal);

    /// <summary>A comma-separated list of workload names, matched without regard to case, in run order.</summary>
    private static string[] ParseWorkloads(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(name => !Workloads.Contains(name, StringComparer.OrdinalIgnoreCase)).ToList();
        if (names.Length == 0 || unknown.Count > 0)
        {
            throw new ArgumentException(
                $"--only takes a comma-separated list of {string.Join(", ", Workloads)}; got '{text}'");
        }

        return [.. Workloads.Where(workload => names.Contains(workload, StringComparer.OrdinalIgnoreCase))];
    }

    private static int PositiveNumber(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{name} must be a positive whole number, got '{text}'");
}
