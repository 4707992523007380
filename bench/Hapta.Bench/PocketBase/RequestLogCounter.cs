using System.Globalization;
using Hapta.Bench.Running;

namespace Hapta.Bench.PocketBase;

/// <summary>
/// Counts, from PocketBase's own request log, how many requests to each window's URL reached it in that window.
/// </summary>
/// <remarks>
/// PocketBase 0.22 buffers log rows and writes them once about three seconds pass without a new one (or a
/// batch fills up), and every request, these log queries included, is itself logged. So the counter runs
/// after the load has stopped and Hapta with it (Hapta re-reads the collection list every few seconds),
/// waits four quiet seconds, counts every window, and repeats until two rounds agree. Rows are matched by
/// their <c>created</c> time, which PocketBase takes when the request completes, and by URL: a query
/// marker would not do, because Hapta does not forward parameters it does not know.
/// </remarks>
internal sealed class RequestLogCounter(PocketBaseAdmin admin, TimeProvider time, Progress progress)
{
    private static readonly TimeSpan QuietPause = TimeSpan.FromSeconds(4);
    private const int MaxRounds = 12;

    public async Task<IReadOnlyList<RequestLogCount>> CountAsync(
        IReadOnlyList<LogWindow> windows,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<RequestLogCount>? previous = null;
        for (var round = 1; round <= MaxRounds; round++)
        {
            await Task.Delay(QuietPause, time, cancellationToken);
            var counts = new List<RequestLogCount>(windows.Count);
            foreach (var window in windows)
            {
                var inWindow = $"created >= '{Format(window.Start)}' && created <= '{Format(window.End)}'"
                    + $" && data.url ~ '{window.Url}'";
                var all = await admin.CountLogsAsync(inWindow, cancellationToken);
                var reads = await admin.CountLogsAsync(inWindow + " && data.method = 'GET'", cancellationToken);
                counts.Add(new RequestLogCount(all, reads));
            }

            progress.Say($"  request log, round {round}: {counts.Sum(c => c.All):N0} requests in "
                + $"{windows.Count} windows");
            if (previous is not null && previous.SequenceEqual(counts))
            {
                return counts;
            }

            previous = counts;
        }

        throw new BenchFailedException(
            $"PocketBase's request-log counts did not settle after {MaxRounds} rounds of {QuietPause.TotalSeconds} s");
    }

    /// <summary>PocketBase's datetime format, in which its filters compare <c>created</c>.</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
