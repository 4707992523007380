namespace Hapta.Files;

/// <summary>
/// A multipart record body as read by <see cref="UploadReader"/>: the text fields in order, and the files spooled to
/// disk. Disposing it deletes the files.
/// </summary>
internal sealed class Upload : IAsyncDisposable
{
    public List<KeyValuePair<string, string>> Fields { get; } = [];

    public List<SpooledFile> Files { get; } = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var file in Files)
        {
            await file.DisposeAsync();
        }

        Files.Clear();
    }
}
