namespace Hapta.RateLimiting.Tests;

/// <summary>
/// The token bucket alone, on explicit tick times (the grain passes the same: ticks since its activation). Every
/// expected figure is worked out by hand from the rule. Facets: this file (boundaries, refill, burst, report, reset,
/// extremes) and <c>.Leases</c> (leases, returns, write-offs, holders together).
/// </summary>
public sealed partial class PermitBucketTests
{
    /// <summary>Five per second, a burst of five: one permit every 200 ms, no leases (cap 1).</summary>
    private static readonly RateRule FivePerSecond = RateRule.PerWindow(5, TimeSpan.FromSeconds(1));

    /// <summary>
    /// A thousand per second: one permit per millisecond, leases of up to 10 that live 100 ms and are written off
    /// 1.1 s after they were granted.
    /// </summary>
    private static readonly RateRule Fast = RateRule.PerWindow(1_000, TimeSpan.FromSeconds(1));

    /// <summary>
    /// A thousand per hour: a permit every 3.6 s, so nothing whole refills within a test's few seconds; leases of up
    /// to 10 that live 1 s and are written off 2 s after they were granted.
    /// </summary>
    private static readonly RateRule Slow = RateRule.PerWindow(1_000, TimeSpan.FromHours(1));

    private static readonly long WriteOffAfter = (Slow.LeaseLifetime + PermitBucket.WriteOffMargin).Ticks;

    [Fact]
    public void Take_OneMoreThanTheBurst_GrantsTheBurstAndRefusesForOnePermitTime()
    {
        var sut = CreateSut();

        var grants = Enumerable.Range(0, 6).Select(_ => sut.Take(FivePerSecond, "a", 0, 1, 0)).ToArray();

        Assert.Equal([1, 1, 1, 1, 1, 0], grants.Select(static g => g.Granted));
        Assert.Equal([4L, 3, 2, 1, 0, 0], grants.Select(static g => g.Remaining));
        Assert.Equal(TimeSpan.FromMilliseconds(200), grants[5].RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(1), grants[5].FullIn);
    }

    [Fact]
    public void Take_OneTickBeforeAPermitReturns_IsRefusedForThatTick()
    {
        var sut = Drained(FivePerSecond);

        var grant = sut.Take(FivePerSecond, "a", 0, 1, Ms(200) - 1);

        Assert.Equal(0, grant.Granted);
        Assert.Equal(TimeSpan.FromTicks(1), grant.RetryAfter);
    }

    [Fact]
    public void Take_WhenAPermitReturns_GrantsExactlyOne()
    {
        var sut = Drained(FivePerSecond);
        sut.Take(FivePerSecond, "a", 0, 1, Ms(200) - 1);

        var first = sut.Take(FivePerSecond, "a", 0, 1, Ms(200));
        var second = sut.Take(FivePerSecond, "a", 0, 1, Ms(200));

        Assert.Equal(1, first.Granted);
        Assert.Equal(0, first.Remaining);
        Assert.Equal(0, second.Granted);
        Assert.Equal(TimeSpan.FromMilliseconds(200), second.RetryAfter);
    }

    [Fact]
    public void Report_PartWayThroughARefill_CountsWholePermitsAndTimeToFull()
    {
        var sut = Drained(FivePerSecond);

        var report = sut.Report(FivePerSecond, Ms(600));

        Assert.Equal(3, report.Available);
        Assert.Equal(TimeSpan.FromMilliseconds(400), report.FullIn);
    }

    [Fact]
    public void Take_LongAfterTheBucketFilled_GrantsNoMoreThanTheBurst()
    {
        var sut = Drained(FivePerSecond);
        Assert.Equal(5, sut.Report(FivePerSecond, Ms(1_000)).Available);

        var grants = Enumerable.Range(0, 6).Select(_ => sut.Take(FivePerSecond, "a", 0, 1, Ms(60_000))).ToArray();

        Assert.Equal(5, grants.Sum(static g => g.Granted));
        Assert.Equal(TimeSpan.FromMilliseconds(200), grants[5].RetryAfter);
    }

    [Fact]
    public void Take_BurstAboveMax_GrantsTheBurstAtOnceThenRefillsAtMax()
    {
        var rule = RateRule.PerWindow(5, TimeSpan.FromSeconds(1), burst: 10);
        var sut = CreateSut();

        var grants = Enumerable.Range(0, 11).Select(_ => sut.Take(rule, "a", 0, 1, 0)).ToArray();

        Assert.Equal(10, grants.Sum(static g => g.Granted));
        Assert.Equal(TimeSpan.FromMilliseconds(200), grants[10].RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(2), grants[10].FullIn);
        Assert.Equal(5, sut.Report(rule, Ms(1_000)).Available);
        Assert.Equal(10, sut.Report(rule, Ms(2_000)).Available);
        Assert.Equal(10, sut.Report(rule, Ms(3_000)).Available);
    }

    [Fact]
    public void Take_BurstBelowMax_NeverHoldsMoreThanTheBurst()
    {
        var rule = RateRule.PerWindow(10, TimeSpan.FromSeconds(1), burst: 2);
        var sut = CreateSut();

        var atOnce = Enumerable.Range(0, 3).Select(_ => sut.Take(rule, "a", 0, 1, 0)).ToArray();
        var aSecondLater = Enumerable.Range(0, 3).Select(_ => sut.Take(rule, "a", 0, 1, Ms(1_000))).ToArray();

        Assert.Equal([1, 1, 0], atOnce.Select(static g => g.Granted));
        Assert.Equal(TimeSpan.FromMilliseconds(100), atOnce[2].RetryAfter);
        Assert.Equal([1, 1, 0], aSecondLater.Select(static g => g.Granted));
    }

    [Fact]
    public void Report_AfterGrantsAndARefusal_GivesEveryFigure()
    {
        var sut = Drained(FivePerSecond);

        var report = sut.Report(FivePerSecond, Ms(100));

        // Half a permit has returned: none whole, 4.5 permits (900 ms) still to come.
        Assert.Equal(new BucketReport
        {
            Available = 0,
            Leased = 0,
            Holders = 0,
            FullIn = TimeSpan.FromMilliseconds(900),
            Refusals = 1,
            Granted = 5,
        }, report);
    }

    [Fact]
    public void Reset_DrainedWithLeases_RefillsAndForgetsTheLeases()
    {
        var sut = CreateSut();
        TakeInTurns(sut, Fast, 0, rounds: 60);

        sut.Reset(Ms(10));
        var report = sut.Report(Fast, Ms(10));
        var lateReturn = sut.Take(Fast, "a", 10, 1, Ms(10));

        Assert.Equal((1_000L, 0L, 0), (report.Available, report.Leased, report.Holders));
        Assert.Equal(TimeSpan.Zero, report.FullIn);
        Assert.Equal(999, lateReturn.Remaining);
    }

    [Fact]
    public void Take_LargestValidatedRule_LeasesTheWholeBucketWithoutOverflow()
    {
        var rule = RateRule.PerWindow(1, TimeSpan.FromMilliseconds(86_400_000), 10_000_000);
        var sut = CreateSut();

        var granted = Enumerable.Range(0, 100).Sum(i => (long)sut.Take(rule, "h" + i, 0, int.MaxValue, 0).Granted);
        var refused = sut.Take(rule, "x", 0, 1, 0);
        var report = sut.Report(rule, 0);

        Assert.Equal(10_000_000, granted);
        Assert.Equal(0, refused.Granted);
        // Everything is leased: the first lease lapses after its lifetime (1 s) and margin (1 s), then a permit
        // takes a day to return.
        Assert.Equal(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(2), refused.RetryAfter);
        Assert.Equal(TimeSpan.FromTicks(TimeSpan.TicksPerDay * 10_000_000), refused.FullIn);
        Assert.Equal((0L, 10_000_000L, 100), (report.Available, report.Leased, report.Holders));
    }

    private static PermitBucket CreateSut(long now = 0) => new(now);

    /// <summary>A bucket of <paramref name="rule"/> emptied at tick 0 by single permits, then refused once.</summary>
    private static PermitBucket Drained(RateRule rule)
    {
        var sut = CreateSut();
        for (var i = 0; i < rule.Burst; i++)
        {
            sut.Take(rule, "a", 0, 1, 0);
        }

        Assert.Equal(0, sut.Take(rule, "a", 0, 1, 0).Granted);
        return sut;
    }

    private static long Ms(int milliseconds) => milliseconds * TimeSpan.TicksPerMillisecond;
}
