using System.Globalization;

namespace Hapta.Bench.Processes;

/// <summary>
/// Peak memory from <c>/proc/&lt;pid&gt;/status</c> (VmHWM, the resident high-water mark). Writing 5 to
/// <c>/proc/&lt;pid&gt;/clear_refs</c> resets that mark (Linux 4.0+, our own processes), so each workload
/// reports its own peak rather than the largest since start-up.
/// </summary>
internal static class ProcStats
{
    /// <summary>
    /// CPU time of the load generators: this process (the mix generator) plus its children that have exited
    /// and been reaped (wrk), from <c>/proc/self/stat</c> (cutime and cstime, in USER_HZ = 100 ticks a second).
    /// </summary>
    public static TimeSpan LoadGeneratorCpu()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var childTicks = long.Parse(fields[13], CultureInfo.InvariantCulture)
            + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return self.TotalProcessorTime + TimeSpan.FromSeconds(childTicks / 100.0);
    }

    /// <returns>Whether the kernel accepted the reset.</returns>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <returns>VmHWM in MiB, or null when the process is gone.</returns>
    public static double? PeakMiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = long.Parse(
                        line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(),
                        CultureInfo.InvariantCulture);
                    return kilobytes / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}
