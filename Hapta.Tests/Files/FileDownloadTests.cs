using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;

namespace Hapta.Files.Tests;

/// <summary>
/// Downloads through Hapta (issue #8): <c>GET</c> and <c>HEAD /api/files/{collection}/{record}/{file}</c> answer the
/// exact bytes with PocketBase's headers, thumbs and <c>download</c> as PocketBase serves them, and an undeclared
/// thumb size is refused. Ranges, refused paths and the cache are in the other parts. Each test uploads its own file.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed partial class FileDownloadTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Get_Image_ExactBytesWithPocketBasesHeaders()
    {
        var image = FilePart.Png("images");
        var path = await UploadAsync(image);

        var direct = await FileResponse.SendAsync(fixture.Direct, path);
        var served = await FileResponse.SendAsync(fixture.Gateway, path);

        Assert.True(served.Status == 200, $"GET through Hapta: {served}");
        Assert.True(image.Bytes.AsSpan().SequenceEqual(served.Body), "Hapta served other bytes than were stored");
        Assert.Equal("image/png", served.ContentType);
        Assert.Equal(Length(image), served.Header("Content-Length"));
        Assert.Equal("bytes", served.Header("Accept-Ranges"));
        Assert.False(string.IsNullOrEmpty(served.Header("Cache-Control")), "no Cache-Control");
        Assert.StartsWith("inline", served.Header("Content-Disposition"), StringComparison.Ordinal);
        Assert.Equal(direct.Header("Content-Disposition"), served.Header("Content-Disposition"));
    }

    [Fact]
    public async Task Head_Image_HeadersWithoutBody()
    {
        var image = FilePart.Png("images");
        var path = await UploadAsync(image);

        var served = await FileResponse.SendAsync(fixture.Gateway, path, HttpMethod.Head);

        Assert.True(served.Status == 200, $"HEAD through Hapta: {served}");
        Assert.Empty(served.Body);
        Assert.Equal("image/png", served.ContentType);
        Assert.Equal(Length(image), served.Header("Content-Length"));
        Assert.Equal("bytes", served.Header("Accept-Ranges"));
        Assert.StartsWith("inline", served.Header("Content-Disposition"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_DownloadParameter_ServedAsAttachment()
    {
        var image = FilePart.Png("images");
        var path = await UploadAsync(image);

        var served = await FileResponse.SendAsync(fixture.Gateway, path + "?download=1");

        Assert.True(served.Status == 200, $"GET ?download=1 through Hapta: {served}");
        Assert.StartsWith("attachment", served.Header("Content-Disposition"), StringComparison.Ordinal);
        Assert.True(image.Bytes.AsSpan().SequenceEqual(served.Body), "Hapta served other bytes than were stored");
    }

    [Theory]
    [InlineData("100x100", 100, 100)]
    [InlineData("50x0", 50, 38)]
    public async Task Get_DeclaredThumb_PngOfThatSize(string thumb, int width, int height)
    {
        var path = await UploadAsync(FilePart.Png("images", 200, 150));

        var served = await FileResponse.SendAsync(fixture.Gateway, $"{path}?thumb={thumb}");
        var direct = await FileResponse.SendAsync(fixture.Direct, $"{path}?thumb={thumb}");

        Assert.True(served.Status == 200, $"thumb {thumb} through Hapta: {served}");
        Assert.Equal("image/png", served.ContentType);
        Assert.Equal((width, height), FileSamples.PngSize(served.Body));
        Assert.True(direct.Body.AsSpan().SequenceEqual(served.Body), $"thumb {thumb}: not PocketBase's thumb");
    }

    [Fact]
    public async Task Get_UndeclaredThumb_400InvalidValue()
    {
        var path = await UploadAsync(FilePart.Png("images"));

        var served = await FileResponse.SendAsync(fixture.Gateway, path + "?thumb=30x30");

        var body = ErrorShape.AssertProblem(served.Answer, 400);
        Assert.Equal("validation_invalid_value", (string?)body["data"]!["thumb"]?["code"]);
    }

    private static string Length(FilePart part) =>
        part.Bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Creates a public record with <paramref name="files"/> in PocketBase; the first file's path.</summary>
    private async Task<string> UploadAsync(params FilePart[] files)
    {
        var owner = await fixture.SignUpAsync();
        var record = await Attachments.CreateAsync(fixture.Direct, owner, isPublic: true, files);
        return Attachments.FilePath(record, files[0].Field);
    }

    /// <summary>Creates a record of a fresh owner directly in PocketBase and returns both.</summary>
    private async Task<(TestUser Owner, JsonObject Record)> CreateAsync(bool isPublic, params FilePart[] files)
    {
        var owner = await fixture.SignUpAsync();
        return (owner, await Attachments.CreateAsync(fixture.Direct, owner, isPublic, files));
    }
}
