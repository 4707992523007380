using Hapta.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hapta.Caching.Tests;

public sealed partial class CacheVersionsGrainTests
{
    [Fact]
    public async Task PublishAsync_WaitForSilos_ReturnsOnceTheSiloAcknowledged()
    {
        var sut = await CreateSutAsync();
        var joined = await JoinAsync(sut, SiloA);
        await PollAsync(sut, SiloA, joined, joined.Sequence).Guarded("silo a: catch up");
        var notice = Notice("r1");

        var publish = PublishAsync(sut, notice, waitForSilos: true);
        var delta = await PollAsync(sut, SiloA, joined, joined.Sequence, LongWait).Guarded("silo a: poll the change");
        var waitedForTheSilo = !publish.IsCompleted;
        await PollAsync(sut, SiloA, joined, delta.Sequence).Guarded("silo a: acknowledge");
        var published = await publish.Guarded("publish: after silo a acknowledged");

        Assert.True(waitedForTheSilo);
        Assert.Equal([Change(published, notice)], delta.Changes.ToArray());
        Assert.Equal(joined.Sequence + 1, published);
    }

    [Fact]
    public async Task PublishAsync_WaitForSilos_WaitsForTheLastLiveSilo()
    {
        var sut = await CreateSutAsync();
        var joined = await JoinAsync(sut, SiloA);
        await JoinAsync(sut, SiloB);

        var publish = PublishAsync(sut, Notice("r1"), waitForSilos: true);
        var delta = await PollAsync(sut, SiloA, joined, joined.Sequence, LongWait).Guarded("silo a: poll the change");
        await PollAsync(sut, SiloA, joined, delta.Sequence).Guarded("silo a: acknowledge");
        var waitedForSiloB = !publish.IsCompleted;
        await PollAsync(sut, SiloB, joined, delta.Sequence).Guarded("silo b: acknowledge");
        var published = await publish.Guarded("publish: after both silos acknowledged");

        Assert.True(waitedForSiloB);
        Assert.Equal(joined.Sequence + 1, published);
        Assert.Equal(published, delta.Sequence);
    }

    [Fact]
    public async Task PublishAsync_WaitForSilosNeverAcknowledged_GivesUpAfterPropagationTimeout()
    {
        var sut = await CreateSutAsync();
        var joined = await JoinAsync(sut, SiloA);
        var started = fixture.Time.GetUtcNow();
        var publish = PublishAsync(sut, Notice("r1"), waitForSilos: true);
        await PollAsync(sut, SiloA, joined, joined.Sequence, LongWait).Guarded("silo a: poll the change");

        fixture.Time.Advance(CacheVersionsClusterFixture.PropagationTimeout - Tick);
        var early = publish.IsCompleted;
        var published = await AdvanceUntilDoneAsync(publish, Tick, "publish: clock past the propagation timeout");

        Assert.False(early);
        Assert.Equal(joined.Sequence + 1, published);
        Assert.True(fixture.Time.GetUtcNow() - started < CacheVersionsGrain.SiloSilence);
    }

    [Fact]
    public async Task PublishAsync_WaitForSilosWithASilentSilo_ReturnsWithoutWaiting()
    {
        var sut = await CreateSutAsync();
        var joined = await JoinAsync(sut, SiloA);
        fixture.Time.Advance(CacheVersionsGrain.SiloSilence);

        var published = await PublishAsync(sut, Notice("r1"), waitForSilos: true).Guarded("publish: silo a silent");

        Assert.Equal(joined.Sequence + 1, published);
    }

    [Fact]
    public async Task PublishAsync_CancelledWhileWaitingForSilos_EndsTheWait()
    {
        // Must hold: a cancelled publish stops waiting for silos, while the clock stands still. WaitForSilosAsync
        // re-arms Task.Delay with the cancelled token, which is complete at once, so the grain spins in one turn,
        // serving no poll, until the deadline. The grain is built directly, since a cancel sent through the cluster
        // reaches the activation at no point a test can order against; finally, the clock passes the deadline, which
        // ends a spin.
        var sut = new CacheVersionsGrain(
            Options.Create(new CacheOptions { PropagationTimeout = CacheVersionsClusterFixture.PropagationTimeout }),
            fixture.Time,
            NullLogger<CacheVersionsGrain>.Instance);
        await sut.OnActivateAsync(CancellationToken.None).Guarded("activate");
        await sut.PollAsync(SiloA, null, 0, TimeSpan.Zero, CancellationToken.None).Guarded("silo a: first poll");
        using var cancel = new CancellationTokenSource();
        var publish = sut.PublishAsync([Notice("r1")], waitForSilos: true, cancel.Token);

        try
        {
            var waited = !publish.IsCompleted;
            await Task.Run(cancel.Cancel).Guarded("cancel the waiting publish");
            var ended = await Record.ExceptionAsync(() => publish.Guarded("publish: after the cancel"));

            Assert.True(waited);
            Assert.True(ended is null or OperationCanceledException, $"The cancelled publish failed: {ended}");
        }
        finally
        {
            fixture.Time.Advance(CacheVersionsClusterFixture.PropagationTimeout);
        }
    }
}
