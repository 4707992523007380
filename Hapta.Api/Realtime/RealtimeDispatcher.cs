using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hapta.Realtime;

/// <summary>
/// Follows the cluster's realtime events (<see cref="IRealtimeEventsGrain"/>) with a long poll and hands them to
/// this silo's <see cref="RealtimeHub"/>: two messages per batch of events per silo, however many clients it holds.
/// </summary>
internal sealed partial class RealtimeDispatcher(
    IGrainFactory grains,
    RealtimeHub hub,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<RealtimeDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await Caching.ApplicationStart.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        var events = grains.GetGrain<IRealtimeEventsGrain>(0);
        var position = -1L;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await events.PollAsync(position, position < 0 ? TimeSpan.Zero : PollWait, stoppingToken);
                if (position >= 0 && !batch.Events.IsEmpty)
                {
                    await hub.DispatchAsync(batch.Events, stoppingToken);
                }

                position = batch.Next;
                failures = 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (failures++ == 0)
                {
                    LogPollFailed(logger, ex.GetBaseException().Message);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * failures)), time, stoppingToken)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Diagnostics.EventIds.RealtimePollFailed, LogLevel.Warning,
        "Could not follow the cluster's realtime events ({Reason}); retrying")]
    private static partial void LogPollFailed(ILogger logger, string reason);
}
