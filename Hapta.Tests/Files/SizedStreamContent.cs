using System.Net;

namespace Hapta.Files.Tests;

/// <summary>
/// A stream sent once, with its length declared up front. <see cref="StreamContent"/> declares a length only for a
/// seekable stream, and a multipart form declares its own only when every part does; so without this a generated file
/// would go out chunked, where a browser or an SDK sending a file sends <c>Content-Length</c>.
/// </summary>
internal sealed class SizedStreamContent : HttpContent
{
    private readonly Stream _stream;
    private readonly long _length;

    public SizedStreamContent(Stream stream, long length)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _stream = stream;
        _length = length;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(
        Stream stream,
        TransportContext? context,
        CancellationToken cancellationToken)
    {
        await _stream.CopyToAsync(stream, 64 * 1024, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stream.Dispose();
        }

        base.Dispose(disposing);
    }
}
