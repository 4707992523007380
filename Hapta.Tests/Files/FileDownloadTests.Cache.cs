using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;

namespace Hapta.Files.Tests;

/// <summary>
/// A small file anyone may download (here of <c>specimens</c>, whose rules are open and which has no protected file
/// field) is served from Hapta's cache from the second request on (<c>X-Hapta-Cache</c>); a write through Hapta
/// that removes the file or deletes the record ends that at once: the old name is a 404. Ranges and <c>HEAD</c>
/// bypass the cache and stay correct. Files of a collection with a protected field are never cached, as whether a
/// guest may have them can depend on more than the record.
/// </summary>
public sealed partial class FileDownloadTests
{
    private const string CacheHeader = "X-Hapta-Cache";
    private const string Specimens = "/api/collections/specimens/records";

    [Fact]
    public async Task Get_PublicFileTwice_SecondFromCache_RangeAndHeadStillCorrect()
    {
        var file = new FilePart("files", "cached.bin", "application/octet-stream", FileSamples.Noise(3000, seed: 21));
        var path = SpecimenFilePath(await CreateSpecimenAsync(file));

        var first = await FileResponse.SendAsync(fixture.Gateway, path);
        var second = await FileResponse.SendAsync(fixture.Gateway, path);
        var range = await FileResponse.SendAsync(fixture.Gateway, path, range: "bytes=0-9");
        var head = await FileResponse.SendAsync(fixture.Gateway, path, HttpMethod.Head);

        Assert.True(first.Status == 200 && second.Status == 200, $"first {first}; second {second}");
        Assert.Equal("miss", first.Header(CacheHeader));
        Assert.Equal("hit", second.Header(CacheHeader));
        Assert.True(file.Bytes.AsSpan().SequenceEqual(first.Body), "first: other bytes than stored");
        Assert.True(file.Bytes.AsSpan().SequenceEqual(second.Body), "second (from the cache): other bytes than stored");
        Assert.Equal(second.Header("Content-Type"), first.Header("Content-Type"));
        Assert.Equal(second.Header("Content-Disposition"), first.Header("Content-Disposition"));
        Assert.True(range.Status == 206, $"range after caching: {range}");
        Assert.Equal("bytes 0-9/3000", range.Header("Content-Range"));
        Assert.True(file.Bytes.AsSpan(0, 10).SequenceEqual(range.Body), "range after caching: other bytes");
        Assert.True(head.Status == 200, $"HEAD after caching: {head}");
        Assert.Empty(head.Body);
        Assert.Equal("3000", head.Header("Content-Length"));
    }

    [Fact]
    public async Task Get_AfterTheFileIsRemovedThroughHapta_OldName404()
    {
        var file = new FilePart("files", "old.bin", "application/octet-stream", FileSamples.Noise(2000, seed: 22));
        var record = await CreateSpecimenAsync(file);
        var path = SpecimenFilePath(record);
        await AssertCachedAsync(path);

        var removed = await Exchange.SendAsync(
            fixture.Gateway,
            HttpMethod.Patch,
            $"{Specimens}/{record["id"]}",
            json: $$"""{"files-":["{{Attachments.FileName(record, "files")}}"]}""");
        var old = await FileResponse.SendAsync(fixture.Gateway, path);

        Assert.True(removed.Status == 200, $"remove through Hapta: {removed}");
        ErrorShape.AssertProblem(old.Answer, 404);
    }

    [Fact]
    public async Task Get_AfterTheRecordIsDeletedThroughHapta_404()
    {
        var file = new FilePart("files", "gone.bin", "application/octet-stream", FileSamples.Noise(2000, seed: 24));
        var record = await CreateSpecimenAsync(file);
        var path = SpecimenFilePath(record);
        await AssertCachedAsync(path);

        var deleted = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Delete, $"{Specimens}/{record["id"]}");
        var after = await FileResponse.SendAsync(fixture.Gateway, path);

        Assert.True(deleted.Status == 204, $"delete through Hapta: {deleted}");
        ErrorShape.AssertProblem(after.Answer, 404);
    }

    [Fact]
    public async Task Get_CollectionWithAProtectedField_NeverCached()
    {
        var doc = new FilePart("doc", "open.bin", "application/octet-stream", FileSamples.Noise(2000, seed: 25));
        var path = await UploadAsync(doc);

        var first = await FileResponse.SendAsync(fixture.Gateway, path);
        var second = await FileResponse.SendAsync(fixture.Gateway, path);

        Assert.True(first.Status == 200 && second.Status == 200, $"first {first}; second {second}");
        Assert.Null(first.Header(CacheHeader));
        Assert.Null(second.Header(CacheHeader));
        Assert.True(doc.Bytes.AsSpan().SequenceEqual(second.Body), "second: other bytes than stored");
    }

    /// <summary>Requests <paramref name="path"/> twice, and the second answer must come from the cache.</summary>
    private async Task AssertCachedAsync(string path)
    {
        var first = await FileResponse.SendAsync(fixture.Gateway, path);
        var second = await FileResponse.SendAsync(fixture.Gateway, path);
        Assert.True(first.Status == 200 && second.Status == 200, $"before the write: first {first}; second {second}");
        Assert.Equal("hit", second.Header(CacheHeader));
    }

    /// <summary>A specimen with <paramref name="file"/>, created directly in PocketBase (its rules are open).</summary>
    private async Task<JsonObject> CreateSpecimenAsync(FilePart file)
    {
        using var form = Attachments.Form([("title", "Cached file")], file);
        var answer = await Attachments.SendAsync(fixture.Direct, HttpMethod.Post, Specimens, token: null, form);
        return answer.Status == 200 && answer.Json is JsonObject record
            ? record
            : throw new InvalidOperationException($"create specimen: PocketBase answered {answer}");
    }

    private static string SpecimenFilePath(JsonObject record) =>
        $"/api/files/specimens/{(string)record["id"]!}/{Attachments.FileName(record, "files")}";
}
