using Hapta.Testing;

namespace Hapta.Caching.Tests;

public sealed partial class CacheVersionsGrainTests
{
    [Fact]
    public async Task HoldFeedAsync_AnotherSiloWhileTheLeaseLasts_IsRefused()
    {
        var sut = await CreateSutAsync();

        var first = await HoldFeedAsync(sut, SiloA, connected: true).Guarded("silo a: hold");
        fixture.Time.Advance(CacheVersionsGrain.FeedLease - Tick);
        var second = await HoldFeedAsync(sut, SiloB, connected: true).Guarded("silo b: hold");

        Assert.True(first);
        Assert.False(second);
    }

    [Fact]
    public async Task HoldFeedAsync_AnotherSiloOnceTheLeaseRanOut_TakesIt()
    {
        var sut = await CreateSutAsync();
        await HoldFeedAsync(sut, SiloA, connected: true).Guarded("silo a: hold");
        fixture.Time.Advance(CacheVersionsGrain.FeedLease);

        var taken = await HoldFeedAsync(sut, SiloB, connected: true).Guarded("silo b: take over");
        var former = await HoldFeedAsync(sut, SiloA, connected: true).Guarded("silo a: hold again");

        Assert.True(taken);
        Assert.False(former);
    }

    [Fact]
    public async Task HoldFeedAsync_HolderRenews_KeepsTheLease()
    {
        var sut = await CreateSutAsync();
        await HoldFeedAsync(sut, SiloA, connected: true).Guarded("silo a: hold");
        fixture.Time.Advance(CacheVersionsGrain.FeedLease - Tick);

        var renewed = await HoldFeedAsync(sut, SiloA, connected: true).Guarded("silo a: renew");
        fixture.Time.Advance(CacheVersionsGrain.FeedLease - Tick);
        var other = await HoldFeedAsync(sut, SiloB, connected: true).Guarded("silo b: hold after the first lease");

        Assert.True(renewed);
        Assert.False(other);
    }

    [Theory]
    [InlineData(new[] { true }, true)]
    [InlineData(new[] { false }, false)]
    [InlineData(new[] { true, false }, false)]
    [InlineData(new[] { false, true }, true)]
    public async Task PollAsync_HolderReports_FeedConnectedIsTheLastReport(bool[] reports, bool expected)
    {
        var sut = await CreateSutAsync();
        foreach (var connected in reports)
        {
            await HoldFeedAsync(sut, SiloA, connected).Guarded($"silo a: hold, connected {connected}");
        }

        var delta = await JoinAsync(sut, SiloB);

        Assert.Equal(expected, delta.FeedConnected);
    }

    [Fact]
    public async Task PollAsync_RefusedSiloReportsConnected_FeedIsNotConnected()
    {
        var sut = await CreateSutAsync();
        await HoldFeedAsync(sut, SiloA, connected: false).Guarded("silo a: hold, disconnected");
        await HoldFeedAsync(sut, SiloB, connected: true).Guarded("silo b: refused, connected");

        var delta = await JoinAsync(sut, SiloB);

        Assert.False(delta.FeedConnected);
    }

    [Fact]
    public async Task PollAsync_LeaseRanOut_FeedIsNotConnected()
    {
        var sut = await CreateSutAsync();
        await HoldFeedAsync(sut, SiloA, connected: true).Guarded("silo a: hold");
        fixture.Time.Advance(CacheVersionsGrain.FeedLease - Tick);
        var lasting = await JoinAsync(sut, SiloB);
        fixture.Time.Advance(Tick);

        var delta = await PollAsync(sut, SiloB, lasting, lasting.Sequence).Guarded("silo b: poll after the lease");

        Assert.True(lasting.FeedConnected);
        Assert.False(delta.FeedConnected);
    }
}
