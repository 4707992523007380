using System.Globalization;
using Hapta.Tests.Infrastructure;

namespace Hapta.Files.Tests;

/// <summary>
/// Range requests (RFC 9110 §14): a satisfiable range is a 206 with exactly those bytes and their Content-Range, one
/// past the end a 416 in the error shape that still says the length (<c>Content-Range: bytes */N</c>), as PocketBase
/// answers it, though PocketBase's body there is plain text.
/// </summary>
public sealed partial class FileDownloadTests
{
    private const int DocLength = 5000;

    [Theory]
    [InlineData("bytes=0-9", 0, 10)]
    [InlineData("bytes=-5", DocLength - 5, 5)]
    [InlineData("bytes=4990-", DocLength - 10, 10)]
    public async Task Get_Range_206WithThoseBytes(string range, int first, int count)
    {
        var doc = new FilePart("doc", "noise.bin", "application/octet-stream", FileSamples.Noise(DocLength, seed: 8));
        var path = await UploadAsync(doc);

        var served = await FileResponse.SendAsync(fixture.Gateway, path, range: range);

        Assert.True(served.Status == 206, $"{range} through Hapta: {served}");
        Assert.Equal($"bytes {first}-{first + count - 1}/{DocLength}", served.Header("Content-Range"));
        Assert.Equal(count.ToString(CultureInfo.InvariantCulture), served.Header("Content-Length"));
        Assert.True(doc.Bytes.AsSpan(first, count).SequenceEqual(served.Body), $"{range}: other bytes than stored");
    }

    [Theory]
    [InlineData("bytes=5000-")]
    [InlineData("bytes=6000-6010")]
    public async Task Get_RangePastTheEnd_416WithTheLength(string range)
    {
        var doc = new FilePart("doc", "noise.bin", "application/octet-stream", FileSamples.Noise(DocLength, seed: 9));
        var path = await UploadAsync(doc);

        var served = await FileResponse.SendAsync(fixture.Gateway, path, range: range);

        ErrorShape.AssertProblem(served.Answer, 416);
        Assert.Equal($"bytes */{DocLength}", served.Header("Content-Range"));
    }
}
