using Hapta.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hapta.RateLimiting.Tests;

/// <summary>
/// One silo's leases against a fake bucket grain that answers what each test queued, on a fake clock that moves
/// only when a test advances it. The renewal runs on the thread pool, so each test awaits the decision it asserts
/// on; calls still in flight are held open by the test and completed after the clock has moved. Facets: this file
/// (lease sizing, shared renewals, forgetting, the sweep) and <c>.Failures</c> (failed, late and refused renewals).
/// </summary>
public sealed partial class PermitLeasesTests
{
    private const string Partition = "203.0.113.7";

    /// <summary>A thousand a second: leases of up to 10 permits (the cap) that live 100 ms.</summary>
    private static readonly RatePolicy Fast = new("ip", RateRule.PerWindow(1_000, TimeSpan.FromSeconds(1)));

    private static readonly string Key = Fast.GrainKey(Partition);

    /// <summary>How long PermitLeases lets a partition through after a failed renewal.</summary>
    private static readonly TimeSpan FailOpenPeriod = TimeSpan.FromSeconds(1);

    /// <summary>How often PermitLeases drops partitions unused for as long.</summary>
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    /// <summary>What a request let through without a permit is told while its bucket counts as unreachable.</summary>
    private static readonly RateDecision FailedOpen = new(Fast, true, 0, TimeSpan.Zero, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeGrainFactory _grains = new();

    [Fact]
    public async Task AcquireAsync_FirstRequest_AsksItsBucketForOnePermit()
    {
        var bucket = _grains.Bucket(Key);
        bucket.Answer(Grant(1, remaining: 999));
        using var sut = CreateSut();

        var decision = await AcquireAsync(sut, "first: asked");

        Assert.Equal(Admitted(999, TimeSpan.FromSeconds(1)), decision);
        Assert.Equal([Key], _grains.Requested);
        Assert.Equal((Fast.Rule, sut.Holder, 0, 1), Assert.Single(bucket.Calls));
    }

    [Theory]
    // One per 50 ms is two per 100 ms lifetime; twice that.
    [InlineData(1, 50, 4)]
    [InlineData(1, 100, 2)]
    // Under one per lifetime still asks for one.
    [InlineData(1, 250, 1)]
    [InlineData(3, 200, 3)]
    [InlineData(5, 100, 10)]
    // Above the lease cap of 10, and at once (counted as over 1 ms): the cap.
    [InlineData(6, 100, 10)]
    [InlineData(4, 0, 10)]
    public async Task AcquireAsync_LeaseSpent_AsksForTwiceItsRatePerLifetimeUpToTheCap(
        int granted,
        int spentOverMs,
        int wanted)
    {
        var bucket = _grains.Bucket(Key);
        bucket.Answer(Grant(granted, remaining: 900));
        bucket.Answer(Grant(1, remaining: 899));
        using var sut = CreateSut();
        for (var i = 0; i < granted; i++)
        {
            await AcquireAsync(sut, $"sizing: request {i}");
        }

        _time.Advance(TimeSpan.FromMilliseconds(spentOverMs));
        await AcquireAsync(sut, "sizing: the next lease");

        Assert.Equal([(0, 1), (0, wanted)], bucket.Calls.Select(static c => (c.Returned, c.Wanted)));
    }

    [Fact]
    public async Task AcquireAsync_RuleWithALeaseCapOfOne_AlwaysAsksForOne()
    {
        // Twenty a minute, as the login limit: every permit is asked for and spent at once.
        var login = new RatePolicy("login", RateRule.PerWindow(20, TimeSpan.FromMinutes(1)));
        var bucket = _grains.Bucket(login.GrainKey(Partition));
        bucket.Answer(Grant(1, remaining: 19));
        bucket.Answer(Grant(1, remaining: 18));
        bucket.Answer(Grant(1, remaining: 17));
        using var sut = CreateSut();

        for (var i = 0; i < 3; i++)
        {
            await sut.AcquireAsync(login, Partition, CancellationToken.None).Guarded($"cap one: request {i}");
        }

        Assert.Equal([(0, 1), (0, 1), (0, 1)], bucket.Calls.Select(static c => (c.Returned, c.Wanted)));
    }

    [Fact]
    public async Task AcquireAsync_LeaseLapsedPartlySpent_ReturnsItsUnspentPermitsOnTheNextAsk()
    {
        var bucket = _grains.Bucket(Key);
        bucket.Answer(Grant(10, remaining: 990));
        bucket.Answer(Grant(6, remaining: 991));
        using var sut = CreateSut();

        var first = await AcquireAsync(sut, "returns: the lease");
        var second = await AcquireAsync(sut, "returns: at once");
        _time.Advance(Fast.Rule.LeaseLifetime - OneTick);
        var third = await AcquireAsync(sut, "returns: the lease's last tick");
        var callsWhileLeased = bucket.Calls.Count;
        _time.Advance(OneTick);
        var renewed = await AcquireAsync(sut, "returns: the lease lapsed");

        Assert.Equal([999L, 998, 997, 996], new[] { first, second, third, renewed }.Select(static d => d.Remaining));
        Assert.Equal(1, callsWhileLeased);
        // Three spent in one lifetime: six asked for; seven unspent go back.
        Assert.Equal([(0, 1), (7, 6)], bucket.Calls.Select(static c => (c.Returned, c.Wanted)));
    }

    [Fact]
    public async Task AcquireAsync_ConcurrentRequestsWhileRenewing_ShareOneGrainCall()
    {
        var bucket = _grains.Bucket(Key);
        var held = bucket.Hold();
        using var sut = CreateSut();
        var acquiring = Enumerable.Range(0, 5).Select(_ => StartAcquire(sut)).ToArray();
        await bucket.CalledAsync(1).Guarded("shared: the call");
        var doneBeforeTheGrant = acquiring.Count(static t => t.IsCompleted);

        held.SetResult(Grant(5, remaining: 990));
        var decisions = await Task.WhenAll(acquiring).Guarded("shared: the grant");

        Assert.Equal(0, doneBeforeTheGrant);
        Assert.Single(bucket.Calls);
        Assert.All(decisions, static d => Assert.True(d.Admitted));
        Assert.Equal([994L, 993, 992, 991, 990], decisions.Select(static d => d.Remaining).OrderDescending());
    }

    [Fact]
    public async Task AcquireAsync_MoreConcurrentRequestsThanTheGrant_TheRestShareOneMoreCall()
    {
        var bucket = _grains.Bucket(Key);
        var held = bucket.Hold();
        bucket.Answer(Grant(2, remaining: 980));
        using var sut = CreateSut();
        var acquiring = Enumerable.Range(0, 6).Select(_ => StartAcquire(sut)).ToArray();
        await bucket.CalledAsync(1).Guarded("more: the first call");

        held.SetResult(Grant(4, remaining: 990));
        var decisions = await Task.WhenAll(acquiring).Guarded("more: both grants");

        Assert.All(decisions, static d => Assert.True(d.Admitted));
        Assert.Equal([993L, 992, 991, 990, 981, 980], decisions.Select(static d => d.Remaining).OrderDescending());
        // The four spent at once: the second ask is for the cap.
        Assert.Equal([(0, 1), (0, 10)], bucket.Calls.Select(static c => (c.Returned, c.Wanted)));
    }

    [Fact]
    public async Task AcquireAsync_CallerCanceledWhileRenewing_ThrowsAndLeavesTheRenewalToOthers()
    {
        var bucket = _grains.Bucket(Key);
        var held = bucket.Hold();
        using var sut = CreateSut();
        using var cancellation = new CancellationTokenSource();
        var canceled = sut.AcquireAsync(Fast, Partition, cancellation.Token).AsTask();
        var waiting = StartAcquire(sut);
        await bucket.CalledAsync(1).Guarded("cancel: the call");

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled).Guarded("cancel: the canceled caller");
        held.SetResult(Grant(2, remaining: 990));
        var decision = await waiting.Guarded("cancel: the other caller");
        var fromLease = await AcquireAsync(sut, "cancel: from the lease");

        Assert.Equal(Admitted(991, TimeSpan.FromSeconds(1)), decision);
        Assert.Equal(Admitted(990, TimeSpan.FromSeconds(1)), fromLease);
        Assert.Single(bucket.Calls);
    }

    [Fact]
    public async Task Forget_WhileALeaseIsHeld_NextRequestAsksTheBucketAfresh()
    {
        var bucket = _grains.Bucket(Key);
        bucket.Answer(Grant(10, remaining: 990));
        bucket.Answer(Grant(1, remaining: 999));
        using var sut = CreateSut();
        var leased = await AcquireAsync(sut, "forget: the lease");
        var countBefore = sut.Count;

        sut.Forget(Fast, Partition);
        var countAfter = sut.Count;
        var afresh = await AcquireAsync(sut, "forget: afresh");

        Assert.Equal(Admitted(999, TimeSpan.FromSeconds(1)), leased);
        Assert.Equal((1, 0), (countBefore, countAfter));
        Assert.Equal(Admitted(999, TimeSpan.FromSeconds(1)), afresh);
        // A fresh start: nothing to give back, and one permit asked for.
        Assert.Equal([(0, 1), (0, 1)], bucket.Calls.Select(static c => (c.Returned, c.Wanted)));
    }

    [Fact]
    public async Task Sweep_PartitionUnusedForItsPeriod_IsDroppedAndOneUsedSinceIsKept()
    {
        _grains.Bucket(Fast.GrainKey("idle")).Answer(Grant(10, remaining: 990));
        _grains.Bucket(Fast.GrainKey("recent")).Answer(Grant(10, remaining: 990));
        using var sut = CreateSut();
        await AcquireAsync(sut, "sweep: idle", "idle");
        await AcquireAsync(sut, "sweep: recent", "recent");
        // A lease notes its use to the second (a write per request would contend), so "since" is 2 s later.
        _time.Advance(TimeSpan.FromSeconds(2));
        await AcquireAsync(sut, "sweep: recent again", "recent");

        _time.Advance(SweepPeriod - TimeSpan.FromSeconds(2) - OneTick);
        var beforeTheSweep = sut.Count;
        _time.Advance(OneTick);
        var afterTheFirst = sut.Count;
        _time.Advance(SweepPeriod);
        var afterTheSecond = sut.Count;

        Assert.Equal((2, 1, 0), (beforeTheSweep, afterTheFirst, afterTheSecond));
    }

    [Fact]
    public async Task Sweep_PartitionAwaitingItsBucket_IsKeptUntilIdle()
    {
        var busy = _grains.Bucket(Fast.GrainKey("busy"));
        var held = busy.Hold();
        _grains.Bucket(Fast.GrainKey("idle")).Answer(Grant(1, remaining: 999));
        using var sut = CreateSut();
        await AcquireAsync(sut, "pending: idle", "idle");
        var acquiring = StartAcquire(sut, "busy");
        await busy.CalledAsync(1).Guarded("pending: the call");

        _time.Advance(SweepPeriod);
        var whilePending = sut.Count;
        held.SetResult(Grant(1, remaining: 999));
        var decision = await acquiring.Guarded("pending: the grant");
        _time.Advance(SweepPeriod);
        var afterTheSecond = sut.Count;

        Assert.Equal(1, whilePending);
        // Thirty seconds late: let through, not spent.
        Assert.Equal(FailedOpen, decision);
        Assert.Equal(0, afterTheSecond);
    }

    private PermitLeases CreateSut() => new(_grains, _time, NullLogger<PermitLeases>.Instance);

    private static Task<RateDecision> StartAcquire(PermitLeases sut, string partition = Partition) =>
        sut.AcquireAsync(Fast, partition, CancellationToken.None).AsTask();

    private static Task<RateDecision> AcquireAsync(PermitLeases sut, string phase, string partition = Partition) =>
        sut.AcquireAsync(Fast, partition, CancellationToken.None).Guarded(phase);

    private static PermitGrant Grant(int granted, long remaining) =>
        new() { Granted = granted, Remaining = remaining, FullIn = TimeSpan.FromSeconds(1) };

    private static RateDecision Admitted(long remaining, TimeSpan resetAfter) =>
        new(Fast, true, remaining, resetAfter, TimeSpan.Zero);
}
