namespace Hapta.Files;

/// <summary>
/// One uploaded file, held in a temporary file that is deleted when this is disposed, so that memory does not grow
/// with its size. <see cref="Key"/> is the form key as sent (<c>images</c>, <c>images+</c>, <c>+images</c>).
/// </summary>
internal sealed class SpooledFile(string key, string fileName, string? contentType, FileStream content)
    : IAsyncDisposable
{
    public string Key { get; } = key;

    public string FileName { get; } = fileName;

    public string? ContentType { get; } = contentType;

    public FileStream Content { get; } = content;

    public long Length => Content.Length;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
