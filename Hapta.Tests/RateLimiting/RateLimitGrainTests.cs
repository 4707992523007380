using Hapta.Testing;

namespace Hapta.RateLimiting.Tests;

/// <summary>
/// The bucket grain through the cluster client, and the two silos' <see cref="PermitLeases"/> drawing on one
/// bucket: together they admit the limit, not twice it. Time is the fixture's fake clock and stands still unless a
/// test advances it; each test has a bucket of its own under a fresh partition.
/// </summary>
public sealed class RateLimitGrainTests(RateLimitClusterFixture fixture) : IClassFixture<RateLimitClusterFixture>
{
    /// <summary>Five per second: one permit every 200 ms, no leases (cap 1).</summary>
    private static readonly RateRule FivePerSecond = RateRule.PerWindow(5, TimeSpan.FromSeconds(1));

    /// <summary>Twenty a minute, as the login limit: a permit every 3 s, lease cap 1.</summary>
    private static readonly RateRule TwentyPerMinute = RateRule.PerWindow(20, TimeSpan.FromMinutes(1));

    private readonly string _partition = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task TakeAsync_OneMoreThanTheBurst_GrantsTheBurstThenRefusesForOnePermitTime()
    {
        var sut = CreateSut();

        var grants = await TakeSinglesAsync(sut, FivePerSecond, 6, "take: the burst and one more");

        Assert.Equal([1, 1, 1, 1, 1, 0], grants.Select(static g => g.Granted));
        Assert.Equal([4L, 3, 2, 1, 0, 0], grants.Select(static g => g.Remaining));
        Assert.Equal(TimeSpan.FromMilliseconds(200), grants[5].RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(1), grants[5].FullIn);
    }

    [Fact]
    public async Task TakeAsync_OnePermitTimeLater_GrantsExactlyOneMore()
    {
        var sut = CreateSut();
        await TakeSinglesAsync(sut, FivePerSecond, 6, "refill: drain");

        fixture.Time.Advance(TimeSpan.FromMilliseconds(200) - TimeSpan.FromTicks(1));
        var early = await sut.TakeAsync(FivePerSecond, "a", 0, 1).Guarded("refill: one tick early");
        fixture.Time.Advance(TimeSpan.FromTicks(1));
        var onTime = await TakeSinglesAsync(sut, FivePerSecond, 2, "refill: on time");

        Assert.Equal(0, early.Granted);
        Assert.Equal(TimeSpan.FromTicks(1), early.RetryAfter);
        Assert.Equal([1, 0], onTime.Select(static g => g.Granted));
    }

    [Fact]
    public async Task TakeAsync_BurstAboveMax_AdmitsTheBurstAtOnceThenMaxPerWindow()
    {
        var rule = RateRule.PerWindow(5, TimeSpan.FromSeconds(1), burst: 10);
        var sut = CreateSut();

        var atOnce = await TakeSinglesAsync(sut, rule, 11, "burst: at once");
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var aSecondLater = await TakeSinglesAsync(sut, rule, 6, "burst: a second later");

        Assert.Equal(10, atOnce.Sum(static g => g.Granted));
        Assert.Equal(TimeSpan.FromSeconds(2), atOnce[10].FullIn);
        Assert.Equal(5, aSecondLater.Sum(static g => g.Granted));
    }

    [Fact]
    public async Task ResetAsync_DrainedBucket_IsFullAgain()
    {
        var sut = CreateSut();
        await TakeSinglesAsync(sut, FivePerSecond, 6, "reset: drain");

        await sut.ResetAsync().Guarded("reset");
        var report = await sut.InspectAsync(FivePerSecond).Guarded("reset: inspect");
        var grants = await TakeSinglesAsync(sut, FivePerSecond, 6, "reset: drain again");

        Assert.Equal(5, report.Available);
        Assert.Equal(TimeSpan.Zero, report.FullIn);
        Assert.Equal(5, grants.Sum(static g => g.Granted));
    }

    [Fact]
    public async Task InspectAsync_AfterGrantsAndARefusal_ReportsEveryFigure()
    {
        var sut = CreateSut();
        await TakeSinglesAsync(sut, FivePerSecond, 6, "inspect: drain");
        fixture.Time.Advance(TimeSpan.FromMilliseconds(100));

        var report = await sut.InspectAsync(FivePerSecond).Guarded("inspect");

        // Half a permit has returned: none whole, 4.5 permits (900 ms) still to come.
        Assert.Equal(new BucketReport
        {
            Available = 0,
            FullIn = TimeSpan.FromMilliseconds(900),
            Refusals = 1,
            Granted = 5,
        }, report);
    }

    [Fact]
    public async Task InspectAsync_LeaseAndSinglePermits_CountsTheLeaseApart()
    {
        var rule = RateRule.PerWindow(1_000, TimeSpan.FromMinutes(1));
        var sut = CreateSut();
        await sut.TakeAsync(rule, "a", 0, 10).Guarded("inspect: lease");
        await TakeSinglesAsync(sut, rule, 5, "inspect: singles");

        var report = await sut.InspectAsync(rule).Guarded("inspect");

        // Fifteen permits out, one every 60 ms: full in 900 ms.
        Assert.Equal(new BucketReport
        {
            Available = 985,
            Leased = 10,
            Holders = 1,
            FullIn = TimeSpan.FromMilliseconds(900),
            Granted = 15,
        }, report);
    }

    [Fact]
    public async Task TakeAsync_LargestValidatedRule_LeasesTheWholeBucket()
    {
        // What must hold: every rule that passes validation works. Max 1 per 86,400,000 ms with a burst of 10,000,000
        // is full again ten million days after it empties, which the grain's keep-alive must not add to the clock.
        var rule = RateRule.PerWindow(1, TimeSpan.FromMilliseconds(86_400_000), 10_000_000);
        var sut = CreateSut();
        long granted = 0;

        for (var i = 0; i < 100; i++)
        {
            granted += (await sut.TakeAsync(rule, "h" + i, 0, int.MaxValue).Guarded($"extremes: lease {i}")).Granted;
        }

        var refused = await sut.TakeAsync(rule, "x", 0, 1).Guarded("extremes: refused");

        Assert.Equal(10_000_000, granted);
        Assert.Equal(0, refused.Granted);
        Assert.Equal(TimeSpan.FromTicks(TimeSpan.TicksPerDay * 10_000_000), refused.FullIn);
    }

    [Theory]
    // A thousand a minute: leases of up to 10; a hundred permits return in 6 s (the leases lapse meanwhile).
    [InlineData(1_000, 100)]
    // Twenty a minute: lease cap 1, so every permit is asked for and spent at once; one returns in 3 s.
    [InlineData(20, 1)]
    public async Task AcquireAsync_TwoSilosSharingOneLimit_AdmitTheLimitNotTwiceIt(int max, int refills)
    {
        var policy = new RatePolicy("shared", RateRule.PerWindow(max, TimeSpan.FromMinutes(1)));
        var rule = policy.Rule;
        // The request that renews a silo's lease spends its first permit, so a silo strands at most cap - 1.
        var stranded = 2 * (rule.LeaseCap - 1);

        var atOnce = await AlternateAsync(policy, rule.Burst + (4 * rule.LeaseCap) + 10, "shared: the burst");
        fixture.Time.Advance(refills * (rule.Window / rule.Max));
        var refilled = await AlternateAsync(policy, refills + (4 * rule.LeaseCap) + 10, "shared: the refill");

        Assert.InRange(atOnce, rule.Burst - stranded, rule.Burst);
        Assert.InRange(refilled, refills - stranded, refills);
        var report = await fixture.Bucket(policy, _partition).InspectAsync(rule).Guarded("shared: inspect");
        Assert.Equal(0, report.Available);
    }

    [Fact]
    public async Task AcquireAsync_AfterARefusal_RefusesLocallyWithoutAskingAgain()
    {
        var policy = new RatePolicy("login", TwentyPerMinute);
        var bucket = fixture.Bucket(policy, _partition);
        var drained = await AcquireAsync(0, policy, 20, "local: drain on silo 0");

        var first = await AcquireAsync(0, policy, 30, "local: refused on silo 0");
        var afterFirst = await bucket.InspectAsync(policy.Rule).Guarded("local: inspect after silo 0");
        var second = await AcquireAsync(1, policy, 30, "local: refused on silo 1");
        var afterSecond = await bucket.InspectAsync(policy.Rule).Guarded("local: inspect after silo 1");
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var third = await AcquireAsync(0, policy, 1, "local: silo 0 a second later");
        var afterThird = await bucket.InspectAsync(policy.Rule).Guarded("local: inspect a second later");

        Assert.All(drained, static d => Assert.True(d.Admitted));
        Assert.All(first.Concat(second), static d => Assert.False(d.Admitted));
        // A permit returns every 3 s, and the clock has not moved.
        Assert.All(first.Concat(second), static d => Assert.Equal(TimeSpan.FromSeconds(3), d.RetryAfter));
        Assert.Equal([1L, 2, 3], [afterFirst.Refusals, afterSecond.Refusals, afterThird.Refusals]);
        Assert.False(third[0].Admitted);
        Assert.Equal(TimeSpan.FromSeconds(2), third[0].RetryAfter);
    }

    [Fact]
    public async Task Forget_AfterResetAsync_AsksAfreshAndIsAdmitted()
    {
        var policy = new RatePolicy("login", TwentyPerMinute);
        var bucket = fixture.Bucket(policy, _partition);
        await AcquireAsync(0, policy, 21, "forget: drain and be refused");
        await bucket.ResetAsync().Guarded("forget: reset");

        var remembered = await AcquireAsync(0, policy, 1, "forget: before forgetting");
        fixture.Leases[0].Forget(policy, _partition);
        var forgotten = await AcquireAsync(0, policy, 1, "forget: after forgetting");
        var report = await bucket.InspectAsync(policy.Rule).Guarded("forget: inspect");

        Assert.False(remembered[0].Admitted);
        Assert.True(forgotten[0].Admitted);
        Assert.Equal((19L, 1L, 21L), (report.Available, report.Refusals, report.Granted));
    }

    private IRateLimitGrain CreateSut() => fixture.Client.GetGrain<IRateLimitGrain>("test/" + _partition);

    private static async Task<PermitGrant[]> TakeSinglesAsync(
        IRateLimitGrain sut,
        RateRule rule,
        int count,
        string phase)
    {
        var grants = new PermitGrant[count];
        for (var i = 0; i < count; i++)
        {
            grants[i] = await sut.TakeAsync(rule, "single", 0, 1).Guarded($"{phase}: take {i}");
        }

        return grants;
    }

    /// <summary>Requests on one silo, one after another; returns each decision.</summary>
    private async Task<RateDecision[]> AcquireAsync(int silo, RatePolicy policy, int count, string phase)
    {
        var decisions = new RateDecision[count];
        for (var i = 0; i < count; i++)
        {
            decisions[i] = await fixture.Leases[silo].AcquireAsync(policy, _partition, CancellationToken.None)
                .Guarded($"{phase}: request {i}");
        }

        return decisions;
    }

    /// <summary>Requests alternating between the two silos, one after another; returns the number admitted.</summary>
    private async Task<int> AlternateAsync(RatePolicy policy, int count, string phase)
    {
        var admitted = 0;
        for (var i = 0; i < count; i++)
        {
            var decision = await fixture.Leases[i % 2].AcquireAsync(policy, _partition, CancellationToken.None)
                .Guarded($"{phase}: request {i}");
            admitted += decision.Admitted ? 1 : 0;
        }

        return admitted;
    }
}
