using System.Globalization;

namespace Hapta.Bench.Running;

/// <summary>Samples the 1-minute load average every five seconds while the run goes on.</summary>
internal sealed class LoadSampler : IAsyncDisposable
{
    private readonly PeriodicTimer _timer;
    private readonly List<double> _samples = [];
    private readonly double _before;
    private readonly Task _loop;

    public LoadSampler(TimeProvider time)
    {
        _before = Current();
        _timer = new PeriodicTimer(TimeSpan.FromSeconds(5), time);
        _loop = SampleAsync();
    }

    public static double Current()
    {
        var text = File.ReadAllText("/proc/loadavg");
        return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public async Task<LoadStats> StopAsync()
    {
        _timer.Dispose();
        await _loop;
        lock (_samples)
        {
            var after = Current();
            return _samples.Count == 0
                ? new LoadStats(_before, after, after, after)
                : new LoadStats(_before, _samples.Average(), _samples.Max(), after);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _loop;
    }

    private async Task SampleAsync()
    {
        while (await _timer.WaitForNextTickAsync())
        {
            var value = Current();
            lock (_samples)
            {
                _samples.Add(value);
            }
        }
    }
}
