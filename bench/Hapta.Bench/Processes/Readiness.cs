using Hapta.Bench.Running;

namespace Hapta.Bench.Processes;

internal static class Readiness
{
    /// <summary>Polls <paramref name="url"/> until it answers 2xx; fails early when the process exits.</summary>
    public static async Task WaitAsync(
        ChildProcess process,
        Uri url,
        TimeSpan limit,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var started = time.GetTimestamp();
        while (true)
        {
            if (process.HasExited)
            {
                throw new BenchFailedException(
                    $"{process.Name} exited during start-up; the end of {process.LogPath}:\n{process.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (time.GetElapsedTime(started) > limit)
            {
                throw new BenchFailedException(
                    $"{process.Name} did not answer {url} within {limit.TotalSeconds:0} s; the end of "
                    + $"{process.LogPath}:\n{process.Tail()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
        }
    }
}
