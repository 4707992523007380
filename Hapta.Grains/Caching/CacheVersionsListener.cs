using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Hapta.Caching;

/// <summary>
/// Keeps this silo's <see cref="CacheVersions"/> current by long-polling <see cref="ICacheVersionsGrain"/>. A poll
/// returns at once when a change is published, so a write reaches every silo in two messages.
/// </summary>
internal sealed class CacheVersionsListener(
    IGrainFactory grains,
    CacheVersions versions,
    ILocalSiloDetails silo,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<CacheVersionsListener> logger) : BackgroundService
{
    internal static readonly TimeSpan PollWait = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await ApplicationStart.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        var id = silo.SiloAddress.ToParsableString();
        var grain = grains.GetGrain<ICacheVersionsGrain>(0);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var delta = await grain.PollAsync(id, versions.Incarnation, versions.Applied, PollWait, stoppingToken);
                versions.Apply(delta);
                failures = 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (failures++ == 0)
                {
                    logger.VersionsPollFailed(ex.GetBaseException().Message);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * failures)), time, stoppingToken)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
