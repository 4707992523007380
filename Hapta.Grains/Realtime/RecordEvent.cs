namespace Hapta.Realtime;

/// <summary>
/// One record change as PocketBase's realtime stream reported it to the change feed (as admin): the action and the
/// whole record, numbered in the cluster's order of events.
/// </summary>
[GenerateSerializer, Immutable, Alias("Hapta.Realtime.RecordEvent")]
public sealed record RecordEvent
{
    [Id(0)]
    public long Sequence { get; init; }

    [Id(1)]
    public required string CollectionId { get; init; }

    [Id(2)]
    public required string RecordId { get; init; }

    /// <summary><c>create</c>, <c>update</c> or <c>delete</c>.</summary>
    [Id(3)]
    public required string Action { get; init; }

    /// <summary>The record's JSON object as PocketBase sent it.</summary>
    [Id(4)]
    public required string Record { get; init; }
}
