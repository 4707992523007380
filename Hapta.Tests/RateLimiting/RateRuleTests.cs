namespace Hapta.RateLimiting.Tests;

/// <summary>
/// A bucket's shape in integer units: one permit is the window's tick count, the bucket gains <c>Max</c> units per
/// tick. The figures below are worked out by hand from those definitions, so a change of rounding shows here.
/// </summary>
public sealed class RateRuleTests
{
    private const int MaxLimit = 10_000_000;

    private static readonly TimeSpan LongestWindow = TimeSpan.FromMilliseconds(86_400_000);

    [Fact]
    public void PerWindow_NoBurst_BurstIsMax()
    {
        var sut = RateRule.PerWindow(20, TimeSpan.FromMinutes(1));

        Assert.Equal(20, sut.Burst);
        Assert.Equal(20, sut.Max);
        Assert.Equal(TimeSpan.FromMinutes(1), sut.Window);
    }

    [Fact]
    public void Units_FivePerSecondBurstTen_PermitIsTheWindowAndCapacityTenOfThem()
    {
        var sut = RateRule.PerWindow(5, TimeSpan.FromSeconds(1), burst: 10);

        Assert.Equal(TimeSpan.TicksPerSecond, sut.PermitUnits);
        Assert.Equal(10 * TimeSpan.TicksPerSecond, sut.CapacityUnits);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(99, 1)]
    [InlineData(100, 1)]
    [InlineData(199, 1)]
    [InlineData(200, 2)]
    [InlineData(1_000, 10)]
    [InlineData(2_000, 20)]
    [InlineData(MaxLimit, 100_000)]
    public void LeaseCap_Burst_IsOnePercentRoundedDownAndAtLeastOne(int burst, int expected)
    {
        var sut = RateRule.PerWindow(10, TimeSpan.FromMinutes(1), burst);

        Assert.Equal(expected, sut.LeaseCap);
    }

    [Theory]
    // Full refill 60 s: 1% is 600 ms.
    [InlineData(1_000, 60_000, 1_000, 600)]
    // Full refill 30 s (the burst is three windows' worth): 300 ms.
    [InlineData(100, 10_000, 300, 300)]
    // Full refill 10 s and 100 s: 1% lands exactly on the bounds.
    [InlineData(10, 10_000, 10, 100)]
    [InlineData(10, 100_000, 10, 1_000)]
    // Full refill 2 s: 20 ms, raised to 100 ms.
    [InlineData(1_000, 1_000, 2_000, 100)]
    // Full refill 1 h: 36 s, lowered to 1 s.
    [InlineData(10, 3_600_000, 10, 1_000)]
    public void LeaseLifetime_Rule_IsOnePercentOfFullRefillClampedToTenthOfASecondAndOneSecond(
        int max,
        int windowMs,
        int burst,
        int expectedMs)
    {
        var sut = RateRule.PerWindow(max, TimeSpan.FromMilliseconds(windowMs), burst);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), sut.LeaseLifetime);
    }

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(6, 2)]
    // One permit of three per second: 10,000,000 / 3 ticks, rounded up.
    [InlineData(TimeSpan.TicksPerSecond, 3_333_334)]
    [InlineData(3 * TimeSpan.TicksPerSecond, TimeSpan.TicksPerSecond)]
    public void TimeToRefill_ThreePerSecond_RoundsUpToWholeTicks(long units, long expectedTicks)
    {
        var sut = RateRule.PerWindow(3, TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromTicks(expectedTicks), sut.TimeToRefill(units));
    }

    [Fact]
    public void TimeToRefill_WholeBucketOfFivePerSecond_IsExactlyOneSecond()
    {
        var sut = RateRule.PerWindow(5, TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(1), sut.TimeToRefill(sut.CapacityUnits));
        Assert.Equal(TimeSpan.FromMilliseconds(200), sut.TimeToRefill(sut.PermitUnits));
    }

    [Fact]
    public void Units_LargestValidatedRule_DoNotOverflow()
    {
        var sut = RateRule.PerWindow(MaxLimit, LongestWindow, MaxLimit);

        Assert.Equal(8_640_000_000_000_000_000L, sut.CapacityUnits);
        Assert.Equal(100_000, sut.LeaseCap);
        Assert.Equal(TimeSpan.FromSeconds(1), sut.LeaseLifetime);
        Assert.Equal(TimeSpan.FromDays(1), sut.TimeToRefill(sut.CapacityUnits));
        // One permit of ten million per day: 864,000,000,000 / 10,000,000 ticks.
        Assert.Equal(TimeSpan.FromTicks(86_400), sut.TimeToRefill(sut.PermitUnits));
    }

    [Fact]
    public void TimeToRefill_LargestBurstOnePerDay_IsTenMillionDaysWithoutOverflow()
    {
        var sut = RateRule.PerWindow(1, LongestWindow, MaxLimit);

        Assert.Equal(TimeSpan.FromTicks(TimeSpan.TicksPerDay * MaxLimit), sut.TimeToRefill(sut.CapacityUnits));
        Assert.Equal(TimeSpan.FromSeconds(1), sut.LeaseLifetime);
    }

    [Fact]
    public void Units_HighestRateInShortestWindow_PermitRefillsInOneTick()
    {
        var sut = RateRule.PerWindow(MaxLimit, TimeSpan.FromMilliseconds(1), burst: 1);

        Assert.Equal(TimeSpan.TicksPerMillisecond, sut.PermitUnits);
        Assert.Equal(TimeSpan.FromTicks(1), sut.TimeToRefill(sut.PermitUnits));
        Assert.Equal(TimeSpan.FromMilliseconds(100), sut.LeaseLifetime);
        Assert.Equal(1, sut.LeaseCap);
    }
}
