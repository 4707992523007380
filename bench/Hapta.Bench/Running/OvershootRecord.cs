using Hapta.Bench.Load;
using Hapta.Bench.PocketBase;

namespace Hapta.Bench.Running;

/// <summary>
/// W6: requests that each need PocketBase, through two silos of one cluster, against a small global limit.
/// </summary>
internal sealed record OvershootRecord
{
    /// <summary>The global limit: <see cref="Max"/> calls to PocketBase per <see cref="Duration"/>.</summary>
    public required int Max { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>Calls at once after a quiet spell: the bucket's size.</summary>
    public required int Burst { get; init; }

    public required int Silos { get; init; }

    public required LogWindow Window { get; init; }

    public required PacedResult Result { get; init; }

    /// <summary>Filled in once the load is over: the record requests PocketBase logged during the run.</summary>
    public RequestLogCount? ReachedPocketBase { get; init; }

    /// <summary>
    /// The most the limit admits between the first request sent and the last admitted answer (no permit can be
    /// granted outside that span): <see cref="Burst"/> + <see cref="Max"/> × span ÷ <see cref="Duration"/>.
    /// </summary>
    public double Allowed => Burst + (Max * Result.LastAdmittedAt.TotalSeconds / Duration.TotalSeconds);

    /// <summary>Admitted beyond <see cref="Allowed"/>, as a share of it; 0 when within.</summary>
    public double Overshoot => Math.Max(0, Result.Admitted - Allowed) / Allowed;

    /// <summary>Admitted as a share of <see cref="Allowed"/>: what the limit let through of what it could.</summary>
    public double Used => Result.Admitted / Allowed;
}
