namespace Hapta.Bench.Running;

/// <summary>Everything a run found, as written to results.json and rendered into the report.</summary>
internal sealed record BenchReport(
    BenchOptions Options,
    MachineInfo Machine,
    LoadStats Load,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    BodySizes Bodies,
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<StormRecord> Storms,
    OvershootRecord? Overshoot,
    RealtimeRecord? Realtime);
