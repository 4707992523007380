using System.Globalization;

namespace Hapta.Bench.Running;

/// <summary>Plain console progress, each line stamped with the time since the run began.</summary>
internal sealed class Progress(TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();

    public TimeSpan Elapsed => time.GetElapsedTime(_started);

    public void Say(string message)
    {
        var elapsed = Elapsed;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[bench {(int)elapsed.TotalMinutes:00}:{elapsed.Seconds:00}] {message}"));
    }
}
