using Hapta.Bench.Load;
using Hapta.Bench.PocketBase;

namespace Hapta.Bench.Running;

/// <summary>W5, the login storm, against one target.</summary>
internal sealed record StormRecord
{
    public required BenchTarget Target { get; init; }

    public required LogWindow Window { get; init; }

    public required StormResult Result { get; init; }

    /// <summary>The plan's attempts that name a real user: what PocketBase direct would check with bcrypt.</summary>
    public required int PlannedRealUserLogins { get; init; }

    /// <summary>CPU PocketBase used during the storm, in seconds: mostly bcrypt checks of real users' passwords.
    /// </summary>
    public required double PocketBaseCpuSeconds { get; init; }

    /// <summary>What the limits allow (through Hapta only).</summary>
    public StormBounds? Bounds { get; init; }

    /// <summary>Filled in once the load is over: the password logins PocketBase logged during the storm.</summary>
    public RequestLogCount? ReachedPocketBase { get; init; }
}
