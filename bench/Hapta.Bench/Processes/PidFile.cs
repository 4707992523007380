using System.Globalization;

namespace Hapta.Bench.Processes;

/// <summary>
/// The ids of every process this run started, one <c>pid name</c> line each. Scripts/bench.sh reads it when
/// it exits, so that even a driver killed outright (SIGKILL) leaves no server behind. Every child runs in a
/// folder under the results folder, which is how the script tells them from an unrelated process that got
/// a recycled id.
/// </summary>
internal sealed class PidFile(string path)
{
    private readonly Lock _gate = new();

    public void Add(int pid, string name)
    {
        lock (_gate)
        {
            File.AppendAllText(path, string.Create(CultureInfo.InvariantCulture, $"{pid} {name}\n"));
        }
    }
}
