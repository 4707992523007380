using Hapta.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hapta.Caching.Tests;

/// <summary>
/// The versions grain on a real silo with a fake clock: numbering, long polls, waiting for silos to acknowledge,
/// dedupe of the change feed's echoes and the feed lease. Each test starts a fresh activation (the grain has one key;
/// the cancellation test builds its own instance) and drives the clock itself; a call expected to wait is held as a
/// task and checked with <see cref="Task.IsCompleted"/>.
/// </summary>
public sealed partial class CacheVersionsGrainTests(CacheVersionsClusterFixture fixture)
    : IClassFixture<CacheVersionsClusterFixture>, IDisposable
{
    private const string SiloA = "silo-a";

    private const string SiloB = "silo-b";

    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(10);

    /// <summary>Real time given to the silo between two advances of the fake clock.</summary>
    private static readonly TimeSpan RealYield = TimeSpan.FromMilliseconds(50);

    /// <summary>Fake time added per advance once the first one did not end the call.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    /// <summary>Cancelled as the test ends, so that a poll a failed test left waiting cannot stall the next.</summary>
    private readonly CancellationTokenSource _testEnd = new();

    public void Dispose()
    {
        _testEnd.Cancel();
        _testEnd.Dispose();
    }

    [Fact]
    public async Task PollAsync_FirstPoll_ResetsToTheCurrentSequence()
    {
        var sut = await CreateSutAsync();
        var now = fixture.Time.GetUtcNow();

        var delta = await JoinAsync(sut, SiloA);

        Assert.True(delta.Reset);
        Assert.NotEmpty(delta.Incarnation);
        Assert.Equal(now.ToUnixTimeMilliseconds() * 1000, delta.Sequence);
        Assert.Empty(delta.Changes);
        Assert.False(delta.FeedConnected);
    }

    [Fact]
    public async Task PollAsync_CurrentIncarnationAndSequence_ReturnsNoChanges()
    {
        var sut = await CreateSutAsync();
        var joined = await JoinAsync(sut, SiloA);

        var delta = await PollAsync(sut, SiloA, joined, joined.Sequence).Guarded("poll: caught up");

        Assert.False(delta.Reset);
        Assert.Equal(joined.Incarnation, delta.Incarnation);
        Assert.Equal(joined.Sequence, delta.Sequence);
        Assert.Empty(delta.Changes);
    }

    [Theory]
    [InlineData("0123456789abcdef")]
    [InlineData("")]
    public async Task PollAsync_OtherIncarnation_Resets(string incarnation)
    {
        var sut = await CreateSutAsync();
        var joined = await JoinAsync(sut, SiloA);
        var published = await PublishAsync(sut, Notice("r1")).Guarded("publish");

        var delta = await PollAsync(sut, SiloA, joined with { Incarnation = incarnation }, joined.Sequence)
            .Guarded("poll: other incarnation");

        Assert.True(delta.Reset);
        Assert.Equal(joined.Incarnation, delta.Incarnation);
        Assert.Equal(published, delta.Sequence);
        Assert.Empty(delta.Changes);
    }

    [Fact]
    public async Task PollAsync_AppliedBeforeTheOldestKept_Resets()
    {
        var sut = await CreateSutAsync();
        var joined = await JoinAsync(sut, SiloA);

        var delta = await PollAsync(sut, SiloA, joined, joined.Sequence - 1).Guarded("poll: before the log");

        Assert.True(delta.Reset);
        Assert.Equal(joined.Sequence, delta.Sequence);
        Assert.Empty(delta.Changes);
    }

    [Fact]
    public async Task PublishAsync_OneNotice_NumbersItOneAboveThePrevious()
    {
        var sut = await CreateSutAsync();
        var joined = await JoinAsync(sut, SiloA);
        var notice = Notice("r1");

        var published = await PublishAsync(sut, notice).Guarded("publish");

        var delta = await PollAsync(sut, SiloA, joined, joined.Sequence).Guarded("poll: after the publish");
        Assert.Equal(joined.Sequence + 1, published);
        Assert.False(delta.Reset);
        Assert.Equal(published, delta.Sequence);
        Assert.Equal([Change(published, notice)], delta.Changes.ToArray());
    }

    [Fact]
    public async Task PublishAsync_TwoNotices_NumbersThemConsecutively()
    {
        var sut = await CreateSutAsync();
        var joined = await JoinAsync(sut, SiloA);
        var (first, second) = (Notice("r1"), Notice("r2"));

        var published = await PublishAsync(sut, first, second).Guarded("publish two");

        var all = await PollAsync(sut, SiloA, joined, joined.Sequence).Guarded("poll: both");
        var last = await PollAsync(sut, SiloA, joined, joined.Sequence + 1).Guarded("poll: after the first");
        Assert.Equal(joined.Sequence + 2, published);
        Assert.Equal([Change(published - 1, first), Change(published, second)], all.Changes.ToArray());
        Assert.Equal([Change(published, second)], last.Changes.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PublishAsync_FeedReportsALastFingerprintAgain_PublishesNothing(bool firstFromFeed)
    {
        var sut = await CreateSutAsync();
        var joined = await JoinAsync(sut, SiloA);
        var first = Notice("r1", "update:t1") with { FromFeed = firstFromFeed };
        var published = await PublishAsync(sut, first).Guarded("publish: first");

        var again = await PublishAsync(sut, Notice("r1", "update:t1") with { FromFeed = true })
            .Guarded("publish: the feed reports it again");

        var delta = await PollAsync(sut, SiloA, joined, joined.Sequence).Guarded("poll: after both");
        Assert.Equal(published, again);
        Assert.Equal(published, delta.Sequence);
        Assert.Equal([Change(published, first)], delta.Changes.ToArray());
    }

    [Fact]
    public async Task PublishAsync_FeedReportsAFingerprintTwiceInOneCall_PublishesOnce()
    {
        var sut = await CreateSutAsync();
        var joined = await JoinAsync(sut, SiloA);
        var notice = Notice("r1", "update:t1") with { FromFeed = true };

        var published = await PublishAsync(sut, notice, notice).Guarded("publish: twice in one call");

        var delta = await PollAsync(sut, SiloA, joined, joined.Sequence).Guarded("poll: after the publish");
        Assert.Equal(joined.Sequence + 1, published);
        Assert.Equal([Change(published, notice)], delta.Changes.ToArray());
    }

    [Theory]
    [InlineData("r1", "update:t2", true)]
    [InlineData("r2", "update:t1", true)]
    [InlineData("r1", null, true)]
    [InlineData("r1", "update:t1", false)]
    public async Task PublishAsync_OtherFingerprintRecordOrNotFromTheFeed_Publishes(
        string recordId,
        string? fingerprint,
        bool fromFeed)
    {
        var sut = await CreateSutAsync();
        var joined = await JoinAsync(sut, SiloA);
        var first = Notice("r1", "update:t1") with { FromFeed = true };
        var other = Notice(recordId, fingerprint) with { FromFeed = fromFeed };
        await PublishAsync(sut, first).Guarded("publish: first");

        var published = await PublishAsync(sut, other).Guarded("publish: other");

        var delta = await PollAsync(sut, SiloA, joined, joined.Sequence).Guarded("poll: after both");
        Assert.Equal(joined.Sequence + 2, published);
        Assert.Equal([Change(published - 1, first), Change(published, other)], delta.Changes.ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PublishAsync_NoFingerprintRightAfterAnIdenticalNotice_PublishesAgain(bool fromFeed)
    {
        var sut = await CreateSutAsync();
        var joined = await JoinAsync(sut, SiloA);
        var notice = Notice("r1") with { FromFeed = fromFeed };
        var first = await PublishAsync(sut, notice).Guarded("publish: first");

        var again = await PublishAsync(sut, notice).Guarded("publish: identical, no fingerprint");

        var delta = await PollAsync(sut, SiloA, joined, joined.Sequence).Guarded("poll: after both");
        Assert.Equal(first + 1, again);
        Assert.Equal([Change(first, notice), Change(again, notice)], delta.Changes.ToArray());
    }

    [Fact]
    public async Task PollAsync_WaitingWhenAChangeIsPublished_ReturnsItWithoutTheClock()
    {
        var sut = await CreateSutAsync();
        var joined = await JoinAsync(sut, SiloA);
        var notice = Notice("r1");
        var poll = PollAsync(sut, SiloA, joined, joined.Sequence, LongWait);
        await PollArrivedAsync(sut);

        var published = await PublishAsync(sut, notice).Guarded("publish during the long poll");

        var delta = await poll.Guarded("long poll: woken by the publish");
        Assert.False(delta.Reset);
        Assert.Equal(published, delta.Sequence);
        Assert.Equal([Change(published, notice)], delta.Changes.ToArray());
    }

    [Fact]
    public async Task PollAsync_WaitingWithNothingPublished_ReturnsNothingOnceTheWaitPassed()
    {
        var sut = await CreateSutAsync();
        var joined = await JoinAsync(sut, SiloA);
        var poll = PollAsync(sut, SiloA, joined, joined.Sequence, LongWait);
        await PollArrivedAsync(sut);

        fixture.Time.Advance(LongWait - Tick);
        var early = poll.IsCompleted;
        fixture.Time.Advance(Tick);
        var delta = await poll.Guarded("long poll: clock at the end of the wait");

        Assert.False(early);
        Assert.False(delta.Reset);
        Assert.Equal(joined.Sequence, delta.Sequence);
        Assert.Empty(delta.Changes);
    }

    [Fact]
    public async Task PollAsync_WaitingWhenTheFeedConnects_ReturnsAtOnceWithTheFeedConnected()
    {
        var sut = await CreateSutAsync();
        var joined = await JoinAsync(sut, SiloA);
        var poll = PollAsync(sut, SiloA, joined, joined.Sequence, LongWait);
        await PollArrivedAsync(sut);

        await HoldFeedAsync(sut, SiloB, connected: true).Guarded("hold the feed during the long poll");

        var delta = await poll.Guarded("long poll: woken by the feed");
        Assert.True(delta.FeedConnected);
        Assert.Empty(delta.Changes);
    }

    private static ChangeNotice Notice(string recordId, string? fingerprint = null) =>
        new() { CollectionId = "pbc_posts000001", RecordId = recordId, Fingerprint = fingerprint };

    private static SequencedChange Change(long sequence, ChangeNotice notice) =>
        new() { Sequence = sequence, Notice = notice };

    private Task<ICacheVersionsGrain> CreateSutAsync() => fixture.StartTestAsync();

    /// <summary>A silo's first poll, as its listener makes it: no incarnation known, nothing applied.</summary>
    private Task<VersionDelta> JoinAsync(ICacheVersionsGrain sut, string silo) =>
        sut.PollAsync(silo, incarnation: null, applied: 0, TimeSpan.Zero, _testEnd.Token)
            .Guarded($"{silo}: first poll");

    private Task<VersionDelta> PollAsync(
        ICacheVersionsGrain sut,
        string silo,
        VersionDelta joined,
        long applied,
        TimeSpan wait = default) =>
        sut.PollAsync(silo, joined.Incarnation, applied, wait, _testEnd.Token);

    private Task<long> PublishAsync(ICacheVersionsGrain sut, params ChangeNotice[] notices) =>
        sut.PublishAsync([.. notices], waitForSilos: false, _testEnd.Token);

    private Task<long> PublishAsync(ICacheVersionsGrain sut, ChangeNotice notice, bool waitForSilos) =>
        sut.PublishAsync([notice], waitForSilos, _testEnd.Token);

    private Task<bool> HoldFeedAsync(ICacheVersionsGrain sut, string silo, bool connected) =>
        sut.HoldFeedAsync(silo, connected, _testEnd.Token);

    /// <summary>
    /// Ends once the long poll of the one silo that joined is in the grain: a publish of nothing that waits for silos
    /// returns only when that silo has applied the current sequence, which its join (at 0) had not.
    /// </summary>
    private Task PollArrivedAsync(ICacheVersionsGrain sut) =>
        sut.PublishAsync([], waitForSilos: true, _testEnd.Token).Guarded("the long poll reaches the grain");

    /// <summary>
    /// Moves the fake clock until <paramref name="task"/> ends: by <paramref name="first"/>, then by <see cref="Step"/>
    /// each time, since the grain may arm its timer only after an advance. Bounded by <see cref="PhaseTimeout.Limit"/>
    /// of real time.
    /// </summary>
    private async Task<T> AdvanceUntilDoneAsync<T>(Task<T> task, TimeSpan first, string phase)
    {
        using var limit = new CancellationTokenSource(PhaseTimeout.Limit, TimeProvider.System);
        var step = first;
        while (!task.IsCompleted && !limit.IsCancellationRequested)
        {
            fixture.Time.Advance(step);
            step = Step;
            await Task.WhenAny(task, Task.Delay(RealYield, TimeProvider.System));
        }

        if (!task.IsCompleted)
        {
            throw new TimeoutException($"{phase}: still waiting after {PhaseTimeout.Limit.TotalSeconds:0} s");
        }

        return await task.Guarded(phase);
    }
}
