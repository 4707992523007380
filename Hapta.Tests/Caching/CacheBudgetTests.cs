using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hapta.Caching.Tests;

/// <summary>
/// The per-silo budget of cache entries: least recently used first, down to 90% of the limits, never the entry
/// just stored. The clock moves one second before every store and hit, so that no two uses tie.
/// </summary>
public sealed class CacheBudgetTests
{
    private static readonly string[] TenKeys = ["k01", "k02", "k03", "k04", "k05", "k06", "k07", "k08", "k09", "k10"];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Store_UpToTheLimits_EvictsNothing()
    {
        var sut = CreateSut(maxEntries: 10, maxBytes: 1_000);

        var victims = StoreInTurn(sut, TenKeys, bytes: 100);

        Assert.Empty(victims);
        var report = sut.Describe(top: 0);
        Assert.Equal(10, report.Entries);
        Assert.Equal(1_000, report.Bytes);
    }

    [Fact]
    public void Store_OneEntryOverTheLimit_EvictsLeastRecentlyUsedDownToNinetyPercent()
    {
        var sut = CreateSut(maxEntries: 10);
        StoreInTurn(sut, TenKeys);

        var victims = StoreInTurn(sut, ["k11"]);

        Assert.Equal(["k01", "k02"], victims);
        Assert.Equal(9, sut.Describe(top: 0).Entries);
    }

    [Fact]
    public void Hit_OldestKey_ProtectsItFromEviction()
    {
        var sut = CreateSut(maxEntries: 10);
        StoreInTurn(sut, TenKeys);
        _time.Advance(TimeSpan.FromSeconds(1));
        sut.Hit("k01");

        var victims = StoreInTurn(sut, ["k11"]);

        Assert.Equal(["k02", "k03"], victims);
    }

    [Fact]
    public void Store_ExistingKeyAgain_MarksItRecentlyUsed()
    {
        var sut = CreateSut(maxEntries: 10);
        StoreInTurn(sut, TenKeys);
        StoreInTurn(sut, ["k01", "k02"]);

        var victims = StoreInTurn(sut, ["k11"]);

        Assert.Equal(["k03", "k04"], victims);
    }

    [Fact]
    public void Store_OverTheByteLimit_EvictsLeastRecentlyUsedDownToNinetyPercent()
    {
        var sut = CreateSut(maxEntries: 100, maxBytes: 1_000);
        StoreInTurn(sut, TenKeys, bytes: 100);

        var victims = StoreInTurn(sut, ["k11"], bytes: 100);

        Assert.Equal(["k01", "k02"], victims);
        var report = sut.Describe(top: 0);
        Assert.Equal(9, report.Entries);
        Assert.Equal(900, report.Bytes);
    }

    [Fact]
    public void Store_OverTheByteLimit_EvictsOnlyAsManyAsTheBytesNeed()
    {
        var sut = CreateSut(maxEntries: 100, maxBytes: 1_000);
        StoreInTurn(sut, ["k01"], bytes: 600);
        StoreInTurn(sut, ["k02", "k03"], bytes: 100);

        var victims = StoreInTurn(sut, ["k04"], bytes: 300);

        Assert.Equal(["k01"], victims);
        Assert.Equal(500, sut.Describe(top: 0).Bytes);
    }

    [Fact]
    public void Store_EntryLargerThanTheWholeBudget_EvictsEveryOtherButNeverItself()
    {
        var sut = CreateSut(maxEntries: 10, maxBytes: 1_000);
        StoreInTurn(sut, ["k01", "k02"], bytes: 100);

        var victims = StoreInTurn(sut, ["huge"], bytes: 5_000);

        Assert.Equal(["k01", "k02"], victims);
        var report = sut.Describe(top: 5);
        Assert.Equal(1, report.Entries);
        Assert.Equal(5_000, report.Bytes);
        Assert.Equal("huge", Assert.Single(report.HotKeys).Key);
    }

    [Fact]
    public void Store_SameKeyWithNewSize_CountsOnlyTheNewSize()
    {
        var sut = CreateSut();
        StoreInTurn(sut, ["k01"], bytes: 100);

        StoreInTurn(sut, ["k01"], bytes: 250);

        var report = sut.Describe(top: 0);
        Assert.Equal(1, report.Entries);
        Assert.Equal(250, report.Bytes);
    }

    [Fact]
    public void Forget_StoredKey_ReleasesItsBytes()
    {
        var sut = CreateSut();
        StoreInTurn(sut, ["k01"], bytes: 100);
        StoreInTurn(sut, ["k02"], bytes: 200);

        sut.Forget("k01");
        sut.Forget("never-stored");

        var report = sut.Describe(top: 0);
        Assert.Equal(1, report.Entries);
        Assert.Equal(200, report.Bytes);
    }

    [Fact]
    public void Forget_StoredKey_MakesRoomForAnotherWithoutEviction()
    {
        var sut = CreateSut(maxEntries: 10, maxBytes: 1_000);
        StoreInTurn(sut, TenKeys, bytes: 100);
        sut.Forget("k05");

        var victims = StoreInTurn(sut, ["k11"], bytes: 100);

        Assert.Empty(victims);
        Assert.Equal(1_000, sut.Describe(top: 0).Bytes);
    }

    [Fact]
    public void Describe_AfterHitsAndMisses_ReportsTotalsRatioAndHotKeysByHits()
    {
        var sut = CreateSut();
        StoreInTurn(sut, ["b", "a", "c", "d"], bytes: 100);
        StoreInTurn(sut, ["d"], bytes: 50);
        sut.Hit("c");
        sut.Hit("b");
        sut.Hit("c");
        sut.Hit("a");
        sut.Hit("c");
        sut.Miss();
        sut.Miss();
        sut.Miss();

        var report = sut.Describe(top: 3);

        Assert.Equal(4, report.Entries);
        Assert.Equal(350, report.Bytes);
        Assert.Equal(5, report.Hits);
        Assert.Equal(3, report.Misses);
        Assert.Equal(0.625, report.HitRatio);
        CacheKeyReport[] hot =
        [
            new() { Key = "c", Hits = 3, Bytes = 100 },
            new() { Key = "a", Hits = 1, Bytes = 100 },
            new() { Key = "b", Hits = 1, Bytes = 100 },
        ];
        Assert.Equal(hot, report.HotKeys);
    }

    [Fact]
    public void Describe_NothingReadYet_ReportsZeroHitRatioAndNoHotKeys()
    {
        var sut = CreateSut();

        var report = sut.Describe(top: 10);

        Assert.Equal(0, report.Entries);
        Assert.Equal(0, report.Bytes);
        Assert.Equal(0, report.HitRatio);
        Assert.Empty(report.HotKeys);
    }

    private CacheBudget CreateSut(int maxEntries = 50_000, long maxBytes = 256L * 1024 * 1024) =>
        new(Options.Create(new CacheOptions { MaxEntries = maxEntries, MaxBytes = maxBytes }), _time);

    /// <summary>Stores each key one second after the last use; returns every victim, in order.</summary>
    private List<string> StoreInTurn(CacheBudget sut, IEnumerable<string> keys, int bytes = 100)
    {
        var victims = new List<string>();
        foreach (var key in keys)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            victims.AddRange(sut.Store(key, bytes));
        }

        return victims;
    }
}
