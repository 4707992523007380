using Hapta.Bench.PocketBase;

namespace Hapta.Bench.Load;

/// <summary>
/// The sequence of a W3, W3w or W4 run, fixed in advance from constant seeds, so that both targets get the
/// same requests in the same order and the reads of every mix are the same paths in the same order (the writes
/// come from a second generator and are slotted in between; who reads comes from a third).
/// </summary>
/// <remarks>
/// Reads: 70% views of a post drawn from a Zipf distribution (s = 1.1) over all seed posts, 30% feed pages
/// 1 to 5. Popularity ranks go to posts in a shuffled order, so popular posts are spread over authors, ages
/// and visibility; about one view in ten is of a private post, which anyone but its author must get as 404.
/// </remarks>
internal sealed class MixPlan
{
    public const double ZipfExponent = 1.1;
    public const double ViewShare = 0.7;
    public const int FeedPages = 5;
    public const int PerPage = 20;
    private const int ReadSeed = 20261203;
    private const int WriteSeed = 3;
    private const int ReaderSeed = 50;

    private MixPlan(IReadOnlyList<SeedPost> postsByRank, MixOperation[] operations)
    {
        PostsByRank = postsByRank;
        Operations = operations;
        Reads = operations.Count(op => op.Kind is MixKind.View or MixKind.Page);
        Writes = operations.Length - Reads;
        LoggedInReads = operations.Count(op => op.Reader >= 0);
    }

    /// <summary>Seed posts, most popular first.</summary>
    public IReadOnlyList<SeedPost> PostsByRank { get; }

    public MixOperation[] Operations { get; }

    public int Reads { get; }

    public int Writes { get; }

    /// <summary>Reads sent by a logged-in account; the rest are a guest's.</summary>
    public int LoggedInReads { get; }

    /// <param name="posts">The seed posts.</param>
    /// <param name="reads">How many reads the plan holds.</param>
    /// <param name="writeShare">Share of all operations that are writes, e.g. 0.01; they need accounts.</param>
    /// <param name="loggedInShare">Share of the reads sent by a logged-in account rather than a guest.</param>
    /// <param name="accounts">The logged-in seed users, with the public posts each may update.</param>
    public static MixPlan Build(
        IReadOnlyList<SeedPost> posts,
        int reads,
        double writeShare,
        double loggedInShare,
        IReadOnlyList<WriterAccount> accounts)
    {
        if ((writeShare > 0 || loggedInShare > 0) && accounts.Count == 0)
        {
            throw new ArgumentException("writes and logged-in reads need accounts", nameof(accounts));
        }

        // Not a security use: fixed seeds make the two targets and successive runs see the same requests.
#pragma warning disable CA5394
        var readRandom = new Random(ReadSeed);
        var writeRandom = new Random(WriteSeed);
        var readerRandom = new Random(ReaderSeed);
        var postsByRank = posts.OrderBy(_ => readRandom.Next()).ToList();
        var zipf = new Zipf(postsByRank.Count, ZipfExponent);
        var writeChance = writeShare <= 0 ? 0 : writeShare / (1 - writeShare);
        var operations = new List<MixOperation>(reads + (int)(reads * writeChance * 1.2) + 8);
        for (var i = 0; i < reads; i++)
        {
            if (writeRandom.NextDouble() < writeChance)
            {
                var writer = writeRandom.Next(accounts.Count);
                var publicPosts = accounts[writer].PublicPostIds.Count;
                operations.Add(writeRandom.NextDouble() < 0.5 || publicPosts == 0
                    ? new MixOperation(MixKind.Create, writer)
                    : new MixOperation(MixKind.Update, writer, writeRandom.Next(publicPosts)));
            }

            // Both draws are made for every read, so that who reads is the same sequence whatever the share.
            var loggedIn = readerRandom.NextDouble() < loggedInShare;
            var account = readerRandom.Next(Math.Max(1, accounts.Count));
            var reader = loggedIn ? account : -1;
            operations.Add(readRandom.NextDouble() < ViewShare
                ? new MixOperation(MixKind.View, zipf.Next(readRandom), Reader: reader)
                : new MixOperation(MixKind.Page, 1 + readRandom.Next(FeedPages), Reader: reader));
        }
#pragma warning restore CA5394

        return new MixPlan(postsByRank, [.. operations]);
    }
}
