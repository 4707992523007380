namespace Hapta.RateLimiting.Tests;

/// <summary>Leases: what a holder may take, what comes back, what is written off, and holders together.</summary>
public sealed partial class PermitBucketTests
{
    [Fact]
    public void Take_WantedSeveral_LeasesThemToTheHolder()
    {
        var sut = CreateSut();

        var grant = sut.Take(Fast, "a", 0, 10, 0);

        Assert.Equal(10, grant.Granted);
        Assert.Equal(990, grant.Remaining);
        var report = sut.Report(Fast, 0);
        Assert.Equal(new BucketReport
        {
            Available = 990,
            Leased = 10,
            Holders = 1,
            FullIn = TimeSpan.FromMilliseconds(10),
            Granted = 10,
        }, report);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(1_000)]
    [InlineData(int.MaxValue)]
    public void Take_WantedBeyondTheLeaseCap_GrantsTheCap(int wanted)
    {
        var sut = CreateSut();

        var grant = sut.Take(Fast, "a", 0, wanted, 0);

        Assert.Equal(Fast.LeaseCap, grant.Granted);
        Assert.Equal(10, sut.Report(Fast, 0).Leased);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-5)]
    public void Take_WantedOneOrLess_GrantsOneSpentAtOnceWithNoLease(int wanted)
    {
        var sut = CreateSut();

        var grant = sut.Take(Fast, "a", 0, wanted, 0);

        Assert.Equal(1, grant.Granted);
        var report = sut.Report(Fast, 0);
        Assert.Equal(0, report.Leased);
        Assert.Equal(0, report.Holders);
        Assert.Equal(999, report.Available);
    }

    [Fact]
    public void Report_LeaseOutstanding_RefillsOnlyToCapacityLessTheLease()
    {
        var sut = CreateSut();
        sut.Take(Fast, "a", 0, 10, 0);
        for (var i = 0; i < 20; i++)
        {
            sut.Take(Fast, "b", 0, 1, 0);
        }

        var beforeWriteOff = sut.Report(Fast, Ms(1_000));
        var afterWriteOff = sut.Report(Fast, Ms(2_000));

        Assert.Equal(990, beforeWriteOff.Available);
        Assert.Equal(10, beforeWriteOff.Leased);
        Assert.Equal(TimeSpan.FromMilliseconds(10), beforeWriteOff.FullIn);
        Assert.Equal(1_000, afterWriteOff.Available);
        Assert.Equal(0, afterWriteOff.Leased);
        Assert.Equal(TimeSpan.Zero, afterWriteOff.FullIn);
    }

    [Fact]
    public void Take_ReturningUnspentPermits_PutsThemBackBeforeTheNextLease()
    {
        var sut = CreateSut();
        sut.Take(Slow, "a", 0, 10, 0);

        var renewal = sut.Take(Slow, "a", 4, 10, 0);

        Assert.Equal(10, renewal.Granted);
        Assert.Equal(984, renewal.Remaining);
        var report = sut.Report(Slow, 0);
        Assert.Equal(984, report.Available);
        Assert.Equal(10, report.Leased);
        Assert.Equal(1, report.Holders);
    }

    [Fact]
    public void Take_ReturnedMoreThanTheLease_CreditsOnlyTheLease()
    {
        var sut = CreateSut();
        sut.Take(Slow, "a", 0, 10, 0);

        var grant = sut.Take(Slow, "a", 50, 1, 0);

        Assert.Equal(1, grant.Granted);
        Assert.Equal(999, grant.Remaining);
    }

    [Fact]
    public void Take_ReturnedByAHolderWithoutLease_IsIgnored()
    {
        var sut = CreateSut();
        sut.Take(Slow, "a", 0, 10, 0);

        var grant = sut.Take(Slow, "b", 10, 1, 0);

        Assert.Equal(989, grant.Remaining);
        Assert.Equal(10, sut.Report(Slow, 0).Leased);
    }

    [Fact]
    public void Take_ReturnedOneTickBeforeTheWriteOff_IsCredited()
    {
        var sut = CreateSut();
        sut.Take(Slow, "a", 0, 10, 0);

        var grant = sut.Take(Slow, "a", 10, 1, WriteOffAfter - 1);

        Assert.Equal(999, grant.Remaining);
    }

    [Fact]
    public void Report_LeaseNotRenewed_IsWrittenOffAfterLifetimePlusMarginAndCountsAsSpent()
    {
        var sut = CreateSut();
        sut.Take(Slow, "a", 0, 10, 0);

        var justBefore = sut.Report(Slow, WriteOffAfter - 1);
        var at = sut.Report(Slow, WriteOffAfter);
        var lateReturn = sut.Take(Slow, "a", 10, 1, WriteOffAfter);

        Assert.Equal(TimeSpan.FromSeconds(2), TimeSpan.FromTicks(WriteOffAfter));
        Assert.Equal((10L, 1), (justBefore.Leased, justBefore.Holders));
        Assert.Equal((0L, 0), (at.Leased, at.Holders));
        Assert.Equal(990, at.Available);
        Assert.Equal(989, lateReturn.Remaining);
    }

    [Fact]
    public void Take_LeaseSpentLateThenRenewed_IsNotRefilledForTheTimeItWasOut()
    {
        // What must hold: a bucket cannot know when a leased permit was spent, so it refills it only from when the
        // lease ends. Holder a takes 10 of a full bucket at 0 and spends them at 99 ms, within the lease lifetime;
        // refilling them from 0 instead would let 1,010 requests through at 99 ms from a bucket of 1,000.
        var sut = CreateSut();
        sut.Take(Fast, "a", 0, 10, 0);

        var renewal = sut.Take(Fast, "a", 0, 10, Ms(99));
        var drained = 0;
        while (sut.Take(Fast, "b", 0, 1, Ms(99)).Granted == 1)
        {
            drained++;
        }

        Assert.Equal(980, renewal.Remaining);
        Assert.Equal(Fast.Burst, 10 + renewal.Granted + drained);
    }

    [Fact]
    public void Take_TwoHoldersAtFrozenTime_GetExactlyTheBurstThenOnlyTheRefill()
    {
        var sut = CreateSut();

        var atOnce = TakeInTurns(sut, Fast, 0, rounds: 60);
        var refused = sut.Take(Fast, "a", 0, 10, 0);
        var fiftyMsLater = TakeInTurns(sut, Fast, Ms(50), rounds: 10);

        Assert.Equal(1_000, atOnce);
        Assert.Equal(0, refused.Granted);
        Assert.Equal(TimeSpan.FromMilliseconds(1), refused.RetryAfter);
        Assert.Equal(50, fiftyMsLater);
    }

    [Fact]
    public void Take_HoldersSpendingReturningAndLapsing_NeverSpendMoreThanBurstPlusRefillInAnyPeriod()
    {
        // Quiet spells of 20 s (the bucket fills) alternate with rushes of four requests a millisecond (it drains).
        var rule = RateRule.PerWindow(500, TimeSpan.FromSeconds(1), burst: 1_000);
        var sut = CreateSut();
        var random = new Random(20260302);
        var holders = Enumerable.Range(0, 3).Select(static i => new SimulatedHolder("h" + i)).ToArray();
        var spentAt = new List<long>();
        long now = 0;

        for (var step = 0; step < 16_000; step++)
        {
            var quiet = step / 2_000 % 2 == 0;
            now += quiet ? Ms(random.Next(5, 15)) : random.Next(0, 3) * TimeSpan.TicksPerMillisecond / 8;
            var holder = holders[random.Next(holders.Length)];
            if (now < holder.SilentUntil)
            {
                continue;
            }

            if (random.Next(2_000) == 0)
            {
                // Goes quiet past the write-off: its lease is written off and its late return ignored.
                holder.SilentUntil = now + Ms(1_500);
                continue;
            }

            holder.Request(sut, rule, random, now, spentAt);
            if (step % 97 == 0)
            {
                var report = sut.Report(rule, now);
                Assert.True(report.Available + report.Leased <= rule.Burst, $"step {step}: more than the burst is out");
            }
        }

        Assert.True(sut.Report(rule, now).Refusals > 0, "the simulation never reached the limit");
        AssertNoPeriodOverspent(rule, spentAt);
    }

    [Fact]
    public void Report_LeasesOfTwoHoldersAndASinglePermit_CountsHoldersAndLeased()
    {
        var sut = CreateSut();
        sut.Take(Fast, "a", 0, 10, 0);
        sut.Take(Fast, "b", 0, 3, 0);
        sut.Take(Fast, "c", 0, 1, 0);

        var report = sut.Report(Fast, 0);

        Assert.Equal((986L, 13L, 2, 14L), (report.Available, report.Leased, report.Holders, report.Granted));
        Assert.Equal(TimeSpan.FromMilliseconds(14), report.FullIn);
    }

    [Fact]
    public void Take_EverythingLeasedOut_RetriesOnePermitAfterTheFirstLeaseIsWrittenOff()
    {
        // Ten per second with a lease cap of one: ten holders asking for two hold the whole bucket between them.
        var rule = RateRule.PerWindow(10, TimeSpan.FromSeconds(1));
        var sut = CreateSut();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(1, sut.Take(rule, "h" + i, 0, 2, Ms(i)).Granted);
        }

        var refused = sut.Take(rule, "x", 0, 1, Ms(20));
        var report = sut.Report(rule, Ms(20));
        // The first lease lapses at 1,100 ms; its permit counts as spent, and one permit takes 100 ms to return.
        var atFirstWriteOff = sut.Take(rule, "x", 0, 1, Ms(1_100));
        var onePermitLater = sut.Take(rule, "x", 0, 1, Ms(1_200));

        Assert.Equal(0, refused.Granted);
        Assert.Equal(TimeSpan.FromMilliseconds(1_180), refused.RetryAfter);
        Assert.Equal((0L, 10L, 10), (report.Available, report.Leased, report.Holders));
        Assert.Equal(0, atFirstWriteOff.Granted);
        Assert.Equal(1, onePermitLater.Granted);
    }

    [Fact]
    public void Take_AllButOneLeasedOut_RetriesAfterOnePermitTime()
    {
        var rule = RateRule.PerWindow(10, TimeSpan.FromSeconds(1));
        var sut = CreateSut();
        for (var i = 0; i < 9; i++)
        {
            sut.Take(rule, "h" + i, 0, 2, 0);
        }

        sut.Take(rule, "x", 0, 1, 0);
        var refused = sut.Take(rule, "x", 0, 1, 0);
        var onePermitLater = sut.Take(rule, "x", 0, 1, Ms(100));

        Assert.Equal(0, refused.Granted);
        Assert.Equal(TimeSpan.FromMilliseconds(100), refused.RetryAfter);
        Assert.Equal(1, onePermitLater.Granted);
    }

    /// <summary>Holders a and b renew in turn, each spending its whole lease; returns the permits granted.</summary>
    private static int TakeInTurns(PermitBucket sut, RateRule rule, long now, int rounds)
    {
        var granted = 0;
        for (var i = 0; i < rounds; i++)
        {
            granted += sut.Take(rule, "a", 0, rule.LeaseCap, now).Granted;
            granted += sut.Take(rule, "b", 0, rule.LeaseCap, now).Granted;
        }

        return granted;
    }

    /// <summary>
    /// Between any two spends, the permits spent (both included) fit in one full bucket plus what refilled between
    /// them: what a single bucket spending every permit at once would have admitted.
    /// </summary>
    private static void AssertNoPeriodOverspent(RateRule rule, List<long> spentAt)
    {
        for (var first = 0; first < spentAt.Count; first++)
        {
            for (var last = first + rule.Burst; last < spentAt.Count; last++)
            {
                var refilled = (spentAt[last] - spentAt[first]) * rule.Max / rule.PermitUnits;
                if (last - first + 1 > rule.Burst + refilled)
                {
                    Assert.Fail($"{last - first + 1} spent from tick {spentAt[first]} to {spentAt[last]}, " +
                        $"over the {rule.Burst + refilled} one bucket admits");
                }

                if (refilled >= spentAt.Count - first)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// A silo as <see cref="LocalLease"/> behaves: it spends its lease only within the lease lifetime, the request
    /// that renews spends the first permit of the new lease, and a renewal gives back what was not spent.
    /// </summary>
    private sealed class SimulatedHolder(string name)
    {
        private int _available;
        private long _grantedAt;

        public long SilentUntil { get; set; }

        public void Request(PermitBucket bucket, RateRule rule, Random random, long now, List<long> spentAt)
        {
            var early = random.Next(20) == 0;
            if (!early && _available > 0 && now - _grantedAt < rule.LeaseLifetime.Ticks)
            {
                _available--;
                spentAt.Add(now);
                return;
            }

            var grant = bucket.Take(rule, name, _available, random.Next(1, 16), now);
            _available = grant.Granted;
            _grantedAt = now;
            if (_available > 0)
            {
                _available--;
                spentAt.Add(now);
            }
        }
    }
}
