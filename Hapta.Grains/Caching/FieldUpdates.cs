using System.Collections.Immutable;

namespace Hapta.Caching;

/// <summary>
/// The recent updates of one collection whose fields are known (<see cref="ChangeNotice.KeepsMembership"/>), newest
/// last, as an immutable snapshot so that readers need no lock. Older ones are forgotten into <see cref="Dropped"/>,
/// which every list then treats as touching it.
/// </summary>
internal sealed record FieldUpdates
{
    public const int Capacity = 256;

    public static FieldUpdates Empty { get; } = new();

    public ImmutableArray<(long Sequence, ImmutableArray<string> Fields)> Entries { get; private init; } = [];

    /// <summary>The newest update forgotten.</summary>
    public long Dropped { get; private init; }

    /// <summary>The newest update of all.</summary>
    public long Newest { get; private init; }

    public FieldUpdates Add(long sequence, ImmutableArray<string> fields)
    {
        var lowered = fields.Select(static f => f.ToLowerInvariant()).ToImmutableArray();
        var entries = Entries.Add((sequence, lowered));
        var dropped = Dropped;
        if (entries.Length > Capacity)
        {
            dropped = Math.Max(dropped, entries[0].Sequence);
            entries = entries.RemoveAt(0);
        }

        return new FieldUpdates { Entries = entries, Dropped = dropped, Newest = Math.Max(Newest, sequence) };
    }

    /// <summary>
    /// The newest update that may have changed which records a list of <paramref name="listFields"/> holds: one
    /// that set any of them, or any update at all when the list's fields are unknown.
    /// </summary>
    public long NewestAffecting(ImmutableArray<string> listFields)
    {
        if (listFields.IsDefault)
        {
            return Newest;
        }

        for (var i = Entries.Length - 1; i >= 0; i--)
        {
            foreach (var field in Entries[i].Fields)
            {
                if (listFields.Contains(field, StringComparer.Ordinal))
                {
                    return Entries[i].Sequence;
                }
            }
        }

        return Dropped;
    }
}
