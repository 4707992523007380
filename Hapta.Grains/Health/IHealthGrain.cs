namespace Hapta.Health;

/// <summary>
/// Readiness as one grain call: if the call returns, this silo runs grains; the answer says whether
/// PocketBase answered its health check. A stateless worker, so it runs on the asking silo. Key: 0.
/// </summary>
[Alias("Hapta.Health.IHealthGrain")]
public interface IHealthGrain : IGrainWithIntegerKey
{
    [Alias("CheckAsync")]
    Task<HealthReport> CheckAsync(CancellationToken cancellationToken);
}
