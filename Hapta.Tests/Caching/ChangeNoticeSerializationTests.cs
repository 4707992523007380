using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Hapta.Caching.Tests;

/// <summary>
/// Notices travel between silos inside <see cref="VersionDelta"/>; whether an update's fields are known must survive
/// the wire, or a create arriving from another silo would look like an update that keeps every list.
/// </summary>
public sealed class ChangeNoticeSerializationTests
{
    private static readonly Serializer Wire = new ServiceCollection()
        .AddSerializer(static b => b.AddAssembly(typeof(ChangeNotice).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void RoundTrip_CreateWithoutFields_StillChangesMembership()
    {
        var sut = new ChangeNotice { CollectionId = "c1", RecordId = "r1", Fingerprint = "create:t" };

        var copy = RoundTrip(sut);

        Assert.Null(copy.Fields);
        Assert.False(copy.KeepsMembership);
        Assert.Equal(sut, copy);
    }

    [Fact]
    public void RoundTrip_UpdateWithFields_KeepsThem()
    {
        var sut = new ChangeNotice { CollectionId = "c1", RecordId = "r1", Fields = ["likesCount", "updated"] };

        var copy = RoundTrip(sut);

        Assert.True(copy.KeepsMembership);
        Assert.Equal(new[] { "likesCount", "updated" }, copy.Fields!.Value.ToArray());
    }

    [Fact]
    public void RoundTrip_DeltaOfBoth_EachKeepsItsKind()
    {
        var sut = new VersionDelta
        {
            Incarnation = "i",
            Sequence = 8,
            Changes =
            [
                new SequencedChange { Sequence = 7, Notice = new ChangeNotice { CollectionId = "c", RecordId = "a" } },
                new SequencedChange
                {
                    Sequence = 8,
                    Notice = new ChangeNotice
                    {
                        CollectionId = "c",
                        RecordId = "b",
                        Fields = ImmutableArray<string>.Empty,
                    },
                },
            ],
        };

        var copy = RoundTrip(sut);

        Assert.Equal([false, true], copy.Changes.Select(static c => c.Notice.KeepsMembership));
        Assert.Equal([7L, 8L], copy.Changes.Select(static c => c.Sequence));
    }

    private static T RoundTrip<T>(T value) => Wire.Deserialize<T>(Wire.SerializeToArray(value))!;
}
