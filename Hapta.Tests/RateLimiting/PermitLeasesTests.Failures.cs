using Hapta.Testing;

namespace Hapta.RateLimiting.Tests;

/// <summary>
/// Renewals that do not bring a spendable lease: a call that fails, a grant that comes too late, a refusal. The
/// first two let the partition's requests through for a second without asking; a refusal is repeated here, without
/// asking, until a permit may have returned.
/// </summary>
public sealed partial class PermitLeasesTests
{
    [Fact]
    public async Task AcquireAsync_GrainThrowsOperationCanceled_DoesNotLeaveThePartitionPending()
    {
        // Regression, fixed in d0daba9 (no issue filed): a grain call that failed with an OperationCanceledException
        // left the partition's renewal pending for good, so every later request of it rethrew without asking again.
        // What must hold: that request is let through, so are the partition's requests for the next second without
        // a grain call, and a second after the failure the bucket is asked again.
        var bucket = _grains.Bucket(Key);
        bucket.Fail(new OperationCanceledException());
        bucket.Answer(Grant(1, remaining: 999));
        using var sut = CreateSut();

        var failed = await AcquireAsync(sut, "canceled: the failed renewal");
        var atOnce = await AcquireAsync(sut, "canceled: at once");
        _time.Advance(FailOpenPeriod - OneTick);
        var lastOpen = await AcquireAsync(sut, "canceled: the last tick let through");
        var callsWhileOpen = bucket.Calls.Count;
        _time.Advance(OneTick);
        var askedAgain = await AcquireAsync(sut, "canceled: a second after the failure");

        Assert.Equal([FailedOpen, FailedOpen, FailedOpen], new[] { failed, atOnce, lastOpen });
        Assert.Equal(1, callsWhileOpen);
        Assert.Equal(Admitted(999, TimeSpan.FromSeconds(1)), askedAgain);
        Assert.Equal([(0, 1), (0, 1)], bucket.Calls.Select(static c => (c.Returned, c.Wanted)));
    }

    [Theory]
    [InlineData(typeof(TimeoutException), false)]
    [InlineData(typeof(OrleansException), false)]
    [InlineData(typeof(TimeoutException), true)]
    [InlineData(typeof(OrleansException), true)]
    [InlineData(typeof(OperationCanceledException), true)]
    public async Task AcquireAsync_GrainCallFails_AdmitsForASecondThenAsksAgain(Type failure, bool synchronously)
    {
        var bucket = _grains.Bucket(Key);
        var exception = (Exception)Activator.CreateInstance(failure, "the bucket grain failed")!;
        if (synchronously)
        {
            bucket.FailSynchronously(exception);
        }
        else
        {
            bucket.Fail(exception);
        }

        bucket.Answer(Grant(1, remaining: 999));
        using var sut = CreateSut();

        var (whileOpen, callsWhileOpen, after) = await FailOpenAsync(sut, bucket, StartAcquire(sut), failure.Name);

        Assert.Equal([FailedOpen, FailedOpen, FailedOpen], whileOpen);
        Assert.Equal(1, callsWhileOpen);
        Assert.Equal(Admitted(999, TimeSpan.FromSeconds(1)), after);
        Assert.Equal([(0, 1), (0, 1)], bucket.Calls.Select(static c => (c.Returned, c.Wanted)));
    }

    [Fact]
    public async Task AcquireAsync_GrainCallCanceled_AdmitsForASecondThenAsksAgain()
    {
        var bucket = _grains.Bucket(Key);
        bucket.Cancel();
        bucket.Answer(Grant(1, remaining: 999));
        using var sut = CreateSut();

        var (whileOpen, callsWhileOpen, after) = await FailOpenAsync(sut, bucket, StartAcquire(sut), "task canceled");

        Assert.Equal([FailedOpen, FailedOpen, FailedOpen], whileOpen);
        Assert.Equal(1, callsWhileOpen);
        Assert.Equal(Admitted(999, TimeSpan.FromSeconds(1)), after);
        Assert.Equal(2, bucket.Calls.Count);
    }

    [Theory]
    // 100 ms of lifetime and 500 ms of margin after it was asked for: it lapses the instant it arrives.
    [InlineData(0)]
    // Past that by a tick, and by seconds.
    [InlineData(1)]
    [InlineData(5 * TimeSpan.TicksPerSecond)]
    public async Task AcquireAsync_GrantAtOrAfterLifetimePlusHalfTheMargin_AdmitsForASecondThenAsksAgain(
        long ticksPastTheMargin)
    {
        var latest = Fast.Rule.LeaseLifetime + (PermitBucket.WriteOffMargin / 2);
        var bucket = _grains.Bucket(Key);
        var held = bucket.Hold();
        bucket.Answer(Grant(1, remaining: 999));
        using var sut = CreateSut();
        var acquiring = StartAcquire(sut);
        await bucket.CalledAsync(1).Guarded("late: the call");
        _time.Advance(latest + TimeSpan.FromTicks(ticksPastTheMargin));

        held.SetResult(Grant(10, remaining: 980));
        var (whileOpen, callsWhileOpen, after) = await FailOpenAsync(sut, bucket, acquiring, "late");

        Assert.Equal([FailedOpen, FailedOpen, FailedOpen], whileOpen);
        Assert.Equal(1, callsWhileOpen);
        Assert.Equal(Admitted(999, TimeSpan.FromSeconds(1)), after);
        // The lapsed grant was never spendable, and the bucket writes it off: nothing of it is given back.
        Assert.Equal([(0, 1), (0, 1)], bucket.Calls.Select(static c => (c.Returned, c.Wanted)));
    }

    [Theory]
    // Late within the lifetime, or past it: the lease lives a lifetime from its arrival.
    [InlineData(50 * TimeSpan.TicksPerMillisecond, 150 * TimeSpan.TicksPerMillisecond)]
    [InlineData(300 * TimeSpan.TicksPerMillisecond, 400 * TimeSpan.TicksPerMillisecond)]
    // Later still: it lives until lifetime plus half the margin after it was asked for, 600 ms.
    [InlineData(550 * TimeSpan.TicksPerMillisecond, 600 * TimeSpan.TicksPerMillisecond)]
    // One tick short of that: spendable for the one tick.
    [InlineData((600 * TimeSpan.TicksPerMillisecond) - 1, 600 * TimeSpan.TicksPerMillisecond)]
    public async Task AcquireAsync_GrantBeforeLifetimePlusHalfTheMargin_IsSpentUntilItLapses(
        long delayTicks,
        long lapseTicks)
    {
        var bucket = _grains.Bucket(Key);
        var held = bucket.Hold();
        bucket.Answer(Grant(1, remaining: 970));
        using var sut = CreateSut();
        var acquiring = StartAcquire(sut);
        await bucket.CalledAsync(1).Guarded("late: the call");
        _time.Advance(TimeSpan.FromTicks(delayTicks));
        var spendFor = TimeSpan.FromTicks(lapseTicks - delayTicks) - OneTick;

        held.SetResult(Grant(10, remaining: 980));
        var first = await acquiring.Guarded("late: the grant arrives");
        var second = await AcquireAsync(sut, "late: from the lease");
        _time.Advance(spendFor);
        var last = await AcquireAsync(sut, "late: the lease's last tick");
        var callsWhileLeased = bucket.Calls.Count;
        _time.Advance(OneTick);
        var renewed = await AcquireAsync(sut, "late: the lease lapsed");

        Assert.Equal(Admitted(989, TimeSpan.FromSeconds(1)), first);
        Assert.Equal(Admitted(988, TimeSpan.FromSeconds(1)), second);
        Assert.Equal(Admitted(987, TimeSpan.FromSeconds(1) - spendFor), last);
        Assert.Equal(1, callsWhileLeased);
        Assert.Equal(Admitted(970, TimeSpan.FromSeconds(1)), renewed);
        Assert.Equal(7, bucket.Calls[1].Returned);
    }

    [Theory]
    // A permit returns in 5 s: refused here for the longest local refusal, a second, with the wait counting down.
    [InlineData(5_000, 1_000)]
    // In 200 ms: refused here until then.
    [InlineData(200, 200)]
    public async Task AcquireAsync_BucketRefuses_RefusesLocallyUntilAPermitMayHaveReturnedThenAsksAgain(
        int retryAfterMs,
        int refusedForMs)
    {
        var retryAfter = TimeSpan.FromMilliseconds(retryAfterMs);
        var refusedFor = TimeSpan.FromMilliseconds(refusedForMs);
        var fullIn = TimeSpan.FromSeconds(20);
        var bucket = _grains.Bucket(Key);
        bucket.Answer(Refusal(retryAfter, fullIn));
        bucket.Answer(Refusal(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(19)));
        using var sut = CreateSut();

        var refused = await AcquireAsync(sut, "refusal: asked");
        _time.Advance(refusedFor / 2);
        var halfway = await AcquireAsync(sut, "refusal: halfway");
        _time.Advance((refusedFor / 2) - OneTick);
        var last = await AcquireAsync(sut, "refusal: the last tick refused here");
        var callsWhileRefused = bucket.Calls.Count;
        _time.Advance(OneTick);
        var askedAgain = await AcquireAsync(sut, "refusal: asked again");

        Assert.Equal(Refused(retryAfter, fullIn), refused);
        Assert.Equal(Refused(retryAfter - (refusedFor / 2), fullIn - (refusedFor / 2)), halfway);
        Assert.Equal(Refused(retryAfter - refusedFor + OneTick, fullIn - refusedFor + OneTick), last);
        Assert.Equal(1, callsWhileRefused);
        Assert.Equal(Refused(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(19)), askedAgain);
        Assert.Equal([(0, 1), (0, 1)], bucket.Calls.Select(static c => (c.Returned, c.Wanted)));
    }

    [Fact]
    public async Task AcquireAsync_ConcurrentRequestsWhenTheCallFails_AreAllLetThroughAfterOneCall()
    {
        var bucket = _grains.Bucket(Key);
        var held = bucket.Hold();
        using var sut = CreateSut();
        var acquiring = Enumerable.Range(0, 4).Select(_ => StartAcquire(sut)).ToArray();
        await bucket.CalledAsync(1).Guarded("shared failure: the call");

        held.SetException(new OperationCanceledException());
        var decisions = await Task.WhenAll(acquiring).Guarded("shared failure: the failure");

        Assert.Equal([FailedOpen, FailedOpen, FailedOpen, FailedOpen], decisions);
        Assert.Single(bucket.Calls);
    }

    /// <summary>
    /// Awaits the request whose renewal fails, then asks at once, one tick before the fail-open period ends and as
    /// it ends. Returns the decisions while open, the grain calls made by then, and the decision after.
    /// </summary>
    private async Task<(RateDecision[] WhileOpen, int CallsWhileOpen, RateDecision After)> FailOpenAsync(
        PermitLeases sut,
        FakeRateLimitGrain bucket,
        Task<RateDecision> failing,
        string phase)
    {
        var whileOpen = new RateDecision[3];
        whileOpen[0] = await failing.Guarded($"{phase}: the failed renewal");
        whileOpen[1] = await AcquireAsync(sut, $"{phase}: at once");
        _time.Advance(FailOpenPeriod - OneTick);
        whileOpen[2] = await AcquireAsync(sut, $"{phase}: the last tick open");
        var calls = bucket.Calls.Count;
        _time.Advance(OneTick);
        var after = await AcquireAsync(sut, $"{phase}: the period ended");
        return (whileOpen, calls, after);
    }

    private static PermitGrant Refusal(TimeSpan retryAfter, TimeSpan fullIn) =>
        new() { RetryAfter = retryAfter, FullIn = fullIn };

    private static RateDecision Refused(TimeSpan retryAfter, TimeSpan resetAfter) =>
        new(Fast, false, 0, resetAfter, retryAfter);
}
