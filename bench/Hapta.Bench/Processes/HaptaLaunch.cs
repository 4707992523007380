namespace Hapta.Bench.Processes;

/// <summary>
/// How to start one <c>hapta-server</c>: its name in progress lines and errors, where it works and logs, and what it
/// gets beyond the settings every bench Hapta has.
/// </summary>
internal sealed record HaptaLaunch
{
    /// <summary>How the process is called in progress lines, errors and the pid file.</summary>
    public required string Name { get; init; }

    public required string WorkDirectory { get; init; }

    public required string LogPath { get; init; }

    /// <summary>
    /// Command-line settings, e.g. <c>--Hapta:RateLimit:IsEnabled=false</c> (see <see cref="RateLimitSettings"/>).
    /// </summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>
    /// Environment variables that hold secrets (<c>Hapta__Sessions__Secret</c>, <c>Hapta__AdminKey</c>), which
    /// any local user could read on a command line. Without a session secret, the server gets a random one.
    /// </summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();
}
