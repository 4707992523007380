using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hapta.Files.Tests;

/// <summary>
/// Uploads through Hapta (issue #8): multipart creates and updates of "attachments" reach PocketBase with their bytes
/// intact and answer PocketBase's record; the refusals are in the other part. Each test signs up its own user.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed partial class FileUploadTests(GatewayFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Create_FilesAndTextFields_ReturnsTheRecordPocketBaseStored()
    {
        var owner = await fixture.SignUpAsync();
        var image = FilePart.Png("images");
        var doc = FilePart.Text("doc", "the document " + SocialData.Unique(""));
        var secret = FilePart.Text("secret", "the secret " + SocialData.Unique(""));
        using var form = Attachments.Form(Attachments.Fields(owner, isPublic: false), image, doc, secret);

        var created = await Attachments.SendAsync(
            fixture.Gateway, HttpMethod.Post, Attachments.Records, owner.HaptaToken, form);

        Assert.True(created.Status == 200, $"create through Hapta: {created}");
        var record = Assert.IsType<JsonObject>(created.Json);
        var stored = await Exchange.SendAsync(
            fixture.Direct, HttpMethod.Get, $"{Attachments.Records}/{record["id"]}", owner.Token);
        Exchange.AssertSame(stored, created);
        Assert.Single(record["images"]!.AsArray());
        Assert.False(string.IsNullOrEmpty((string?)record["secret"]), $"no secret stored: {created}");
        await AssertStoredAsync(record, image);
        await AssertStoredAsync(record, doc);
    }

    [Theory]
    [InlineData("png 1x1")]
    [InlineData("png 200x150")]
    [InlineData("jpeg 8x8")]
    public async Task Create_RealImage_StoredAsSent(string sample)
    {
        var owner = await fixture.SignUpAsync();
        var image = sample switch
        {
            "png 1x1" => FilePart.Png("images", 1, 1),
            "png 200x150" => FilePart.Png("images", 200, 150),
            _ => new FilePart("images", "photo.jpg", "image/jpeg", FileSamples.Jpeg()),
        };
        using var form = Attachments.Form(Attachments.Fields(owner, isPublic: true), image);

        var created = await Attachments.SendAsync(
            fixture.Gateway, HttpMethod.Post, Attachments.Records, owner.HaptaToken, form);

        Assert.True(created.Status == 200, $"{sample}: {created}");
        await AssertStoredAsync((JsonObject)created.Json!, image);
    }

    [Fact]
    public async Task Update_NewDocAndTitle_ReturnsTheRecordWithTheNewName()
    {
        var owner = await fixture.SignUpAsync();
        var record = await Attachments.CreateAsync(
            fixture.Direct, owner, isPublic: false, FilePart.Text("doc", "first version"));
        var replacement = FilePart.Text("doc", "second version " + SocialData.Unique(""));
        var title = SocialData.Unique("renamed ");
        using var form = Attachments.Form([("title", title)], replacement);

        var updated = await Attachments.SendAsync(
            fixture.Gateway, HttpMethod.Patch, $"{Attachments.Records}/{record["id"]}", owner.HaptaToken, form);

        Assert.True(updated.Status == 200, $"update through Hapta: {updated}");
        var stored = await Exchange.SendAsync(
            fixture.Direct, HttpMethod.Get, $"{Attachments.Records}/{record["id"]}", owner.Token);
        Exchange.AssertSame(stored, updated);
        Assert.Equal(title, (string?)updated.Json!["title"]);
        Assert.NotEqual((string?)record["doc"], (string?)updated.Json["doc"]);
        await AssertStoredAsync((JsonObject)updated.Json, replacement);
    }

    /// <summary>PocketBase serves the file of <paramref name="part"/>'s field with exactly the bytes sent.</summary>
    private async Task AssertStoredAsync(JsonObject record, FilePart part)
    {
        var served = await FileResponse.SendAsync(fixture.Direct, Attachments.FilePath(record, part.Field));
        Assert.True(served.Status == 200, $"{part.Field} from PocketBase: {served}");
        Assert.True(part.Bytes.AsSpan().SequenceEqual(served.Body), $"{part.Field}: PocketBase stored other bytes");
    }
}
