namespace Hapta.Bench.PocketBase;

/// <summary>The record of the media collection that holds W7's two files.</summary>
internal sealed record MediaRecord(string Id, MediaFile Small, MediaFile Large)
{
    /// <summary>The download path of <paramref name="file"/>, the same at PocketBase and through Hapta.</summary>
    public string PathOf(MediaFile file) => $"/api/files/{MediaSeed.Collection}/{Id}/{file.Name}";
}
