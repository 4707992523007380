using System.Globalization;

namespace Hapta.Tests.Infrastructure;

/// <summary>
/// A process's resident memory as Linux reports it in <c>/proc/{pid}/status</c>: <c>VmRSS</c> now and <c>VmHWM</c>,
/// the high-water mark since start or since <see cref="ResetPeak"/>. See proc(5).
/// </summary>
internal readonly record struct ProcessMemory(long ResidentBytes, long PeakBytes)
{
    /// <summary>Sets the high-water mark back to the current resident size (writes 5 to <c>clear_refs</c>).</summary>
    public static void ResetPeak(int pid) =>
        File.WriteAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/clear_refs", "5");

    public static ProcessMemory Read(int pid)
    {
        long? resident = null;
        long? peak = null;
        foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                resident = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        return resident is { } r && peak is { } p
            ? new ProcessMemory(r * 1024, p * 1024)
            : throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS or VmHWM");
    }

    /// <summary>The figure of a line such as <c>VmHWM:	  184320 kB</c>.</summary>
    private static long Kilobytes(string line) =>
        long.Parse(
            line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim().TrimEnd("kB").Trim(),
            NumberStyles.None,
            CultureInfo.InvariantCulture);
}
