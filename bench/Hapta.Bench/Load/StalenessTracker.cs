using System.Collections.Concurrent;

namespace Hapta.Bench.Load;

/// <summary>
/// The correctness probe of W3w: remembers every acknowledged write and judges reads against them.
/// </summary>
/// <remarks>
/// A read is stale when it started after a write was acknowledged and does not show it:
/// - a post it returns carries an <c>updated</c> stamp older than the newest acknowledged one for that post
///   (PocketBase's stamps are fixed-width UTC text, so ordinal order is time order);
/// - feed page 1 (newest first) lacks a post whose creation was acknowledged, although the page holds an
///   older post or fewer than a full page, so the new post had to be on it. Creates are public, so every
///   guest must see them.
/// Times are monotonic timestamps of the load generator: "acknowledged" is when the write's response
/// arrived, "started" is when the read was sent.
/// </remarks>
internal sealed class StalenessTracker
{
    private readonly ConcurrentDictionary<string, Acknowledged> _latest = new(StringComparer.Ordinal);
    private readonly List<Acknowledged> _creates = [];
    private readonly Lock _createsGate = new();

    public void Acknowledge(RecordVersion written, bool created, long acknowledgedAt)
    {
        var entry = new Acknowledged(written, acknowledgedAt);
        _latest.AddOrUpdate(
            written.Id,
            entry,
            (_, current) => string.CompareOrdinal(written.Updated, current.Version.Updated) >= 0 ? entry : current);
        if (created)
        {
            lock (_createsGate)
            {
                _creates.Add(entry);
            }
        }
    }

    public bool IsStaleRecord(RecordVersion read, long readStartedAt) =>
        _latest.TryGetValue(read.Id, out var known)
        && known.At < readStartedAt
        && string.CompareOrdinal(read.Updated, known.Version.Updated) < 0;

    public bool IsStalePage(int page, IReadOnlyList<RecordVersion> items, int perPage, long readStartedAt)
    {
        if (items.Any(item => IsStaleRecord(item, readStartedAt)))
        {
            return true;
        }

        if (page != 1)
        {
            return false;
        }

        Acknowledged[] creates;
        lock (_createsGate)
        {
            creates = [.. _creates];
        }

        var oldest = items.Count == 0 ? null : items.Select(item => item.Created).Min(StringComparer.Ordinal);
        foreach (var create in creates)
        {
            if (create.At >= readStartedAt)
            {
                continue;
            }

            var mustBeThere = items.Count < perPage
                || string.CompareOrdinal(oldest, create.Version.Created) < 0;
            if (mustBeThere && !items.Any(item => item.Id == create.Version.Id))
            {
                return true;
            }
        }

        return false;
    }

    private sealed record Acknowledged(RecordVersion Version, long At);
}
