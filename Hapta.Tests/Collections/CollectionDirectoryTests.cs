using Hapta.Validation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hapta.Collections.Tests;

public sealed class CollectionDirectoryTests
{
    private static readonly CollectionInfo Posts = Collection("pbc_posts000001", "posts");
    private static readonly CollectionInfo Fresh = Collection("pbc_fresh000001", "fresh");
    private static readonly CollectionInfo Backstage = Collection("pbc_backstage01", "backstage");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeCatalogGrainFactory _grains = new();

    [Fact]
    public async Task Find_NameTheCopyLacks_ReReadsPocketBase_AndFindsACollectionCreatedMeanwhile()
    {
        var sut = CreateSut();
        await sut.LoadAsync(CancellationToken.None);
        _grains.Grain.Current = Catalog(2, Posts, Fresh);

        var lookup = await sut.FindAsync("fresh", CancellationToken.None);

        Assert.Same(Fresh, lookup.Collection);
        Assert.Equal(1, _grains.Grain.Refreshes);
    }

    [Fact]
    public async Task Find_UnknownNames_ReReadAtMostOncePerInterval()
    {
        var sut = CreateSut();
        await sut.LoadAsync(CancellationToken.None);

        for (var i = 0; i < 50; i++)
        {
            Assert.Null((await sut.FindAsync("nonsense" + i, CancellationToken.None)).Collection);
        }

        var withinInterval = _grains.Grain.Refreshes;
        _time.Advance(TimeSpan.FromMilliseconds(999));
        await sut.FindAsync("nonsense", CancellationToken.None);
        var justBefore = _grains.Grain.Refreshes;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await sut.FindAsync("nonsense", CancellationToken.None);

        Assert.Equal(1, withinInterval);
        Assert.Equal(1, justBefore);
        Assert.Equal(2, _grains.Grain.Refreshes);
    }

    [Fact]
    public async Task Find_KnownName_NeverReReads()
    {
        var sut = CreateSut();
        await sut.LoadAsync(CancellationToken.None);

        var lookup = await sut.FindAsync("POSTS", CancellationToken.None);

        Assert.Same(Posts, lookup.Collection);
        Assert.Equal(0, _grains.Grain.Refreshes);
    }

    [Theory]
    [InlineData("backstage")]
    [InlineData("BackStage")]
    [InlineData("pbc_backstage01")]
    public async Task Find_HiddenCollection_NotFoundByNameOrId_NorListed(string nameOrId)
    {
        var sut = CreateSut("backstage");
        await sut.LoadAsync(CancellationToken.None);

        var lookup = await sut.FindAsync(nameOrId, CancellationToken.None);

        Assert.Null(lookup.Collection);
        Assert.False(lookup.CatalogUnavailable);
        Assert.DoesNotContain(Backstage, sut.Collections);
        Assert.Contains(Posts, sut.Collections);
    }

    private CollectionDirectory CreateSut(params string[] hidden)
    {
        _grains.Grain.Current = Catalog(1, Posts, Backstage);
        return new CollectionDirectory(
            _grains,
            Options.Create(new CatalogOptions()),
            Options.Create(new ValidationOptions { HiddenCollections = hidden }),
            _time,
            NullLogger<CollectionDirectory>.Instance);
    }

    private CollectionCatalog Catalog(long version, params CollectionInfo[] collections) =>
        new() { Version = version, FetchedAt = _time.GetUtcNow(), Collections = [.. collections] };

    private static CollectionInfo Collection(string id, string name) =>
        new() { Id = id, Name = name, Type = "base" };
}
