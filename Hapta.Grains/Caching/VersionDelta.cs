using System.Collections.Immutable;

namespace Hapta.Caching;

/// <summary>One change with the cluster-wide sequence number it was given.</summary>
[GenerateSerializer, Immutable, Alias("Hapta.Caching.SequencedChange")]
public readonly record struct SequencedChange
{
    [Id(0)]
    public long Sequence { get; init; }

    [Id(1)]
    public ChangeNotice Notice { get; init; }
}

/// <summary>
/// What a silo learns from one poll of <see cref="ICacheVersionsGrain"/>: the changes after the sequence it had,
/// or, with <see cref="Reset"/>, that it must treat everything up to <see cref="Sequence"/> as changed (the grain
/// restarted, or the silo fell further behind than the grain remembers).
/// </summary>
[GenerateSerializer, Immutable, Alias("Hapta.Caching.VersionDelta")]
public sealed record VersionDelta
{
    /// <summary>Which activation of the versions grain numbered these changes.</summary>
    [Id(0)]
    public required string Incarnation { get; init; }

    /// <summary>The newest sequence number the grain has given.</summary>
    [Id(1)]
    public required long Sequence { get; init; }

    [Id(2)]
    public bool Reset { get; init; }

    [Id(3)]
    public ImmutableArray<SequencedChange> Changes { get; init; } = [];

    /// <summary>Whether the change feed is connected, so that writes bypassing Hapta are seen.</summary>
    [Id(4)]
    public bool FeedConnected { get; init; }
}
