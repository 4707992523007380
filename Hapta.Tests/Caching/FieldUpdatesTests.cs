namespace Hapta.Caching.Tests;

/// <summary>
/// Which known-field updates a list must see: only those that set a field it filters, sorts or rules on, and all of
/// them when its fields are unknown or the update was forgotten.
/// </summary>
public sealed class FieldUpdatesTests
{
    [Fact]
    public void NewestAffecting_UpdatesOfOtherFields_ReturnsNothing()
    {
        var sut = FieldUpdates.Empty.Add(5, ["likesCount", "updated"]).Add(6, ["content", "updated"]);

        var newest = sut.NewestAffecting(["author", "public", "title"]);

        Assert.Equal(0, newest);
    }

    [Fact]
    public void NewestAffecting_OneUpdateSetsAListField_ReturnsItsSequence()
    {
        var sut = FieldUpdates.Empty.Add(5, ["Public", "updated"]).Add(6, ["content", "updated"]);

        var newest = sut.NewestAffecting(["author", "public"]);

        Assert.Equal(5, newest);
    }

    [Fact]
    public void NewestAffecting_ListFieldsUnknown_ReturnsTheNewestUpdate()
    {
        var sut = FieldUpdates.Empty.Add(5, ["content"]).Add(9, ["likesCount"]);

        var newest = sut.NewestAffecting(default);

        Assert.Equal(9, newest);
    }

    [Fact]
    public void Add_PastCapacity_ForgetsTheOldestAndCountsItAsAffectingEveryList()
    {
        var sut = FieldUpdates.Empty;
        for (var sequence = 1; sequence <= FieldUpdates.Capacity + 1; sequence++)
        {
            sut = sut.Add(sequence, ["content"]);
        }

        var newest = sut.NewestAffecting(["public"]);

        Assert.Equal(FieldUpdates.Capacity, sut.Entries.Length);
        Assert.Equal(1, sut.Dropped);
        Assert.Equal(1, newest);
    }
}
