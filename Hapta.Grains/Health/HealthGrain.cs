using Hapta.PocketBase;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Hapta.Health;

[StatelessWorker]
internal sealed class HealthGrain(IPocketBaseApi pocketBase, ILogger<HealthGrain> logger) : Grain, IHealthGrain
{
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var answer = await UpstreamCall.SendAsync(pocketBase.GetHealthAsync, "health check", logger, cancellationToken);
        return new HealthReport
        {
            Silo = RuntimeIdentity,
            PocketBaseReachable = answer.IsSuccess,
            Problem = answer switch
            {
                { IsSuccess: true } => null,
                { Outcome: UpstreamOutcome.Answered } => $"PocketBase answered {answer.Status} to /api/health",
                { Outcome: UpstreamOutcome.TimedOut } => "PocketBase did not answer /api/health in time",
                _ => "PocketBase cannot be reached",
            },
        };
    }
}
