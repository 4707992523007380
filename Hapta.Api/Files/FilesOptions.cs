using System.ComponentModel.DataAnnotations;

namespace Hapta.Files;

/// <summary>Settings of file uploads and downloads (section <c>Hapta:Files</c>).</summary>
public sealed class FilesOptions
{
    public const string SectionName = "Hapta:Files";

    /// <summary>
    /// The largest record write with files, all parts together; more is refused with 413 before PocketBase sees
    /// any of it. Each file is also held to its field's <c>maxSize</c>.
    /// </summary>
    [Range(1024, long.MaxValue, ErrorMessage = "Hapta:Files:MaxUploadBytes must be at least 1 KiB.")]
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How long one upload or download may take from the first byte to the last.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00",
        ErrorMessage = "Hapta:Files:TransferTimeout must be between 1 second and 1 day.")]
    public TimeSpan TransferTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The largest file a silo keeps in memory to answer later downloads; 0 turns file caching off.</summary>
    [Range(0, 64L * 1024 * 1024, ErrorMessage = "Hapta:Files:CacheMaxFileBytes must be between 0 and 64 MiB.")]
    public long CacheMaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>The bytes of cached files a silo holds at most; the least recently used go first.</summary>
    [Range(0, 16L * 1024 * 1024 * 1024, ErrorMessage = "Hapta:Files:CacheBudgetBytes must be at most 16 GiB.")]
    public long CacheBudgetBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How long a cached file is served without asking PocketBase, unless its record changes first.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00",
        ErrorMessage = "Hapta:Files:CacheTtl must be between 0 and 1 day.")]
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromMinutes(5);
}
