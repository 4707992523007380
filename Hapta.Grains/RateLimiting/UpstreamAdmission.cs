using Hapta.PocketBase;

namespace Hapta.RateLimiting;

/// <summary>
/// The global limit: requests Hapta sends to PocketBase on behalf of clients, counted where they are sent (in
/// the grains), so that cache hits never count and every silo draws on one cluster-wide bucket.
/// </summary>
internal sealed class UpstreamAdmission(RatePolicies policies, PermitLeases leases)
{
    /// <summary><see langword="null"/> when the call may go ahead; otherwise the answer to give instead.</summary>
    public ValueTask<UpstreamResponse?> RefuseAsync(CancellationToken cancellationToken)
    {
        if (policies.Global is not { } global)
        {
            return ValueTask.FromResult<UpstreamResponse?>(null);
        }

        var pending = leases.AcquireAsync(global, RatePolicies.GlobalPartition, cancellationToken);
        return pending.IsCompletedSuccessfully
            ? ValueTask.FromResult(Answer(pending.Result))
            : AwaitAsync(pending);

        async ValueTask<UpstreamResponse?> AwaitAsync(ValueTask<RateDecision> decision) => Answer(await decision);
    }

    private UpstreamResponse? Answer(RateDecision decision) =>
        decision.Admitted ? null : UpstreamResponse.Throttled(decision.RetryAfter, policies.Message);
}
