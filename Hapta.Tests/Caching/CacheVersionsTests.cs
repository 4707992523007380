using Hapta.PocketBase;

namespace Hapta.Caching.Tests;

/// <summary>
/// What an entry must have been read after to answer here (DESIGN §6, invalidation): a list needs its collection's
/// newest change, a view its record's, an entry that reads other collections the newest change anywhere. Each test
/// starts from a silo that has polled once, at <see cref="Baseline"/>, unless it is about the silo before that.
/// </summary>
public sealed class CacheVersionsTests
{
    private const string Incarnation = "a1b2c3d4e5f60718";

    private const long Baseline = 10;

    private const string Rule = "public = true || author = @request.auth.id";

    private const string PostsId = "pbc_posts";

    private const string CommentsId = "pbc_comments";

    [Fact]
    public void Needed_BeforeAnyPoll_IsZeroUnderThePlansRule()
    {
        var sut = CreateSut(polled: false);

        var stamp = sut.Needed(ListOf(PostsId, dependsOnAll: true));

        Assert.Equal(new CacheStamp { Data = 0, Global = 0, Rule = Rule }, stamp);
        Assert.Null(sut.Incarnation);
        Assert.Equal(0, sut.Applied);
        Assert.False(sut.FeedConnected);
    }

    [Fact]
    public void Apply_FirstPoll_TreatsEverythingUpToItsSequenceAsChanged()
    {
        var sut = CreateSut(polled: false);

        sut.Apply(Delta(42));

        Assert.Equal(new CacheStamp { Data = 42, Global = 42, Rule = Rule }, sut.Needed(ListOf(PostsId, true)));
        Assert.Equal(new CacheStamp { Data = 42, Global = 0, Rule = Rule }, sut.Needed(ViewOf(CommentsId, "rec9")));
        Assert.Equal(Incarnation, sut.Incarnation);
        Assert.Equal(42, sut.Applied);
    }

    [Theory]
    [InlineData(CacheOperation.View, PostsId, "rec1", 11)]
    [InlineData(CacheOperation.View, PostsId, "rec2", Baseline)]
    [InlineData(CacheOperation.List, PostsId, null, 11)]
    [InlineData(CacheOperation.List, CommentsId, null, Baseline)]
    [InlineData(CacheOperation.View, CommentsId, "rec1", Baseline)]
    public void Needed_AfterOneRecordChanged_RaisesOnlyWhatReadsIt(
        CacheOperation operation,
        string collectionId,
        string? recordId,
        long expected)
    {
        var sut = CreateSut();
        sut.Apply(Delta(11, Change(11, PostsId, "rec1")));

        var stamp = sut.Needed(PlanOf(operation, collectionId, recordId, dependsOnAll: false, Rule));

        Assert.Equal(new CacheStamp { Data = expected, Global = 0, Rule = Rule }, stamp);
    }

    [Fact]
    public void Needed_DependsOnAllAfterChangeElsewhere_RaisesOnlyGlobal()
    {
        var sut = CreateSut();
        sut.Apply(Delta(11, Change(11, PostsId, "rec1")));

        var stamp = sut.Needed(ListOf(CommentsId, dependsOnAll: true));

        Assert.Equal(new CacheStamp { Data = Baseline, Global = 11, Rule = Rule }, stamp);
    }

    [Theory]
    [InlineData(CacheOperation.View, PostsId, "rec1", 11)]
    [InlineData(CacheOperation.View, PostsId, "rec2", 11)]
    [InlineData(CacheOperation.List, PostsId, null, 11)]
    [InlineData(CacheOperation.View, CommentsId, "rec1", Baseline)]
    [InlineData(CacheOperation.List, CommentsId, null, Baseline)]
    public void Needed_AfterCollectionWideChange_RaisesEveryRecordOfThatCollection(
        CacheOperation operation,
        string collectionId,
        string? recordId,
        long expected)
    {
        var sut = CreateSut();
        sut.Apply(Delta(11, Change(11, PostsId, recordId: null)));

        var stamp = sut.Needed(PlanOf(operation, collectionId, recordId, dependsOnAll: false, Rule));

        Assert.Equal(new CacheStamp { Data = expected, Global = 0, Rule = Rule }, stamp);
    }

    [Theory]
    [InlineData(CacheOperation.View, PostsId, "rec1", false)]
    [InlineData(CacheOperation.List, PostsId, null, false)]
    [InlineData(CacheOperation.View, CommentsId, "rec2", false)]
    [InlineData(CacheOperation.List, CommentsId, null, true)]
    public void Needed_AfterEverythingChanged_RaisesEveryPlan(
        CacheOperation operation,
        string collectionId,
        string? recordId,
        bool dependsOnAll)
    {
        var sut = CreateSut();
        sut.Apply(Delta(11, new SequencedChange { Sequence = 11, Notice = ChangeNotice.All }));

        var stamp = sut.Needed(PlanOf(operation, collectionId, recordId, dependsOnAll, Rule));

        Assert.Equal(new CacheStamp { Data = 11, Global = dependsOnAll ? 11 : 0, Rule = Rule }, stamp);
    }

    [Theory]
    [InlineData(true, Incarnation)]
    [InlineData(false, "ffeeddccbbaa9988")]
    [InlineData(true, "ffeeddccbbaa9988")]
    public void Apply_ResetOrNewIncarnation_RaisesEveryNeededToTheDeltaSequence(bool reset, string incarnation)
    {
        var sut = CreateSut();
        sut.Apply(Delta(30, Change(20, PostsId, "rec1"), Change(30, CommentsId, recordId: null)));
        var reported = new VersionDelta { Incarnation = incarnation, Sequence = 50, Reset = reset };

        sut.Apply(reported);

        Assert.Equal(new CacheStamp { Data = 50, Global = 0, Rule = Rule }, sut.Needed(ViewOf(PostsId, "rec1")));
        Assert.Equal(new CacheStamp { Data = 50, Global = 0, Rule = Rule }, sut.Needed(ViewOf(PostsId, "rec2")));
        Assert.Equal(new CacheStamp { Data = 50, Global = 50, Rule = Rule }, sut.Needed(ListOf(CommentsId, true)));
        Assert.Equal(incarnation, sut.Incarnation);
        Assert.Equal(50, sut.Applied);
    }

    [Fact]
    public void Apply_Delta_MovesAppliedToItsSequence()
    {
        var sut = CreateSut();

        sut.Apply(Delta(15, Change(12, PostsId, "rec1")));

        Assert.Equal(15, sut.Applied);
    }

    [Fact]
    public void Apply_SingleChange_RaisesNeededButNotApplied()
    {
        var sut = CreateSut();

        sut.Apply(11, new ChangeNotice { CollectionId = PostsId, RecordId = "rec1" });

        Assert.Equal(new CacheStamp { Data = 11, Global = 0, Rule = Rule }, sut.Needed(ViewOf(PostsId, "rec1")));
        Assert.Equal(
            new CacheStamp { Data = Baseline, Global = 11, Rule = Rule },
            sut.Needed(ListOf(CommentsId, dependsOnAll: true)));
        Assert.Equal(Baseline, sut.Applied);
        Assert.Equal(Incarnation, sut.Incarnation);
    }

    [Fact]
    public void Apply_OlderChangeAfterNewer_NeverLowersNeeded()
    {
        var sut = CreateSut();
        sut.Apply(13, new ChangeNotice { CollectionId = PostsId, RecordId = "rec1" });

        sut.Apply(Delta(13, Change(11, PostsId, "rec1"), Change(12, PostsId, recordId: null)));

        Assert.Equal(new CacheStamp { Data = 13, Global = 13, Rule = Rule }, sut.Needed(ViewOf(PostsId, "rec1", true)));
        Assert.Equal(new CacheStamp { Data = 13, Global = 0, Rule = Rule }, sut.Needed(ListOf(PostsId)));
        Assert.Equal(new CacheStamp { Data = 12, Global = 0, Rule = Rule }, sut.Needed(ViewOf(PostsId, "rec2")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Apply_Delta_FeedConnectedFollowsIt(bool connected)
    {
        var sut = CreateSut();
        sut.Apply(Delta(11) with { FeedConnected = !connected });

        sut.Apply(Delta(12) with { FeedConnected = connected });

        Assert.Equal(connected, sut.FeedConnected);
    }

    [Theory]
    [InlineData("")]
    [InlineData(Rule)]
    [InlineData("@request.auth.id != ''")]
    public void Needed_AnyPlan_CarriesThePlansRule(string rule)
    {
        var sut = CreateSut();

        var stamp = sut.Needed(PlanOf(CacheOperation.View, PostsId, "rec1", dependsOnAll: false, rule));

        Assert.Equal(rule, stamp.Rule);
    }

    [Fact]
    public void Needed_AfterMoreRecordChangesThanKept_StaysAtLeastEachRecordsVersion()
    {
        var sut = CreateSut();
        var last = Baseline + CacheVersions.MaxRecords + 1;
        for (var sequence = Baseline + 1; sequence <= last; sequence++)
        {
            sut.Apply(sequence, new ChangeNotice { CollectionId = PostsId, RecordId = $"rec{sequence}" });
        }

        var first = sut.Needed(ViewOf(PostsId, $"rec{Baseline + 1}"));
        var elsewhere = sut.Needed(ViewOf(CommentsId, "rec1"));

        Assert.Equal(new CacheStamp { Data = last, Global = 0, Rule = Rule }, first);
        Assert.Equal(new CacheStamp { Data = Baseline, Global = 0, Rule = Rule }, elsewhere);
    }

    [Fact]
    public void Covers_StampTakenBeforeAChange_NoLongerCoversWhatIsNeeded()
    {
        var sut = CreateSut();
        var plan = ViewOf(PostsId, "rec1");
        var stamp = sut.Needed(plan);

        sut.Apply(Delta(11, Change(11, PostsId, "rec1")));

        Assert.False(stamp.Covers(sut.Needed(plan)));
        Assert.True(stamp.Covers(sut.Needed(ViewOf(PostsId, "rec2"))));
        Assert.False(stamp.Covers(sut.Needed(ViewOf(PostsId, "rec2") with { Rule = "" })));
    }

    [Theory]
    [InlineData(10, 20, "r", true)]
    [InlineData(11, 25, "r", true)]
    [InlineData(9, 20, "r", false)]
    [InlineData(10, 19, "r", false)]
    [InlineData(10, 20, "R", false)]
    [InlineData(10, 20, "", false)]
    public void Covers_AgainstNeeded_OnlyWhenNoOlderUnderTheSameRule(long data, long global, string rule, bool expected)
    {
        var sut = new CacheStamp { Data = data, Global = global, Rule = rule };

        var covers = sut.Covers(new CacheStamp { Data = 10, Global = 20, Rule = "r" });

        Assert.Equal(expected, covers);
    }

    private static CacheVersions CreateSut(bool polled = true)
    {
        var sut = new CacheVersions();
        if (polled)
        {
            sut.Apply(Delta(Baseline));
        }

        return sut;
    }

    private static VersionDelta Delta(long sequence, params SequencedChange[] changes) => new()
    {
        Incarnation = Incarnation,
        Sequence = sequence,
        Changes = [.. changes],
    };

    private static SequencedChange Change(long sequence, string collectionId, string? recordId) => new()
    {
        Sequence = sequence,
        Notice = new ChangeNotice { CollectionId = collectionId, RecordId = recordId },
    };

    private static CachePlan ListOf(string collectionId, bool dependsOnAll = false) =>
        PlanOf(CacheOperation.List, collectionId, recordId: null, dependsOnAll, Rule);

    private static CachePlan ViewOf(string collectionId, string recordId, bool dependsOnAll = false) =>
        PlanOf(CacheOperation.View, collectionId, recordId, dependsOnAll, Rule);

    private static CachePlan PlanOf(
        CacheOperation operation,
        string collectionId,
        string? recordId,
        bool dependsOnAll,
        string rule) => new()
        {
            Key = CachePlanner.KeyOf(collectionId, operation, CacheScopes.Public, recordId, RecordQuery.Empty),
            Scope = CacheScopes.Public,
            CollectionId = collectionId,
            Collection = collectionId,
            Operation = operation,
            RecordId = recordId,
            Query = RecordQuery.Empty,
            Rule = rule,
            DependsOnAll = dependsOnAll,
        };
}
