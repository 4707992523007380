using Hapta.Caching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Hapta.Files;

/// <summary>
/// A silo's memory of small public files (issue #8, point 4): only answers to plain downloads without a token
/// (which PocketBase gives anyone, whatever the record's rules), at most <see cref="FilesOptions.CacheMaxFileBytes"/>
/// each and <see cref="FilesOptions.CacheBudgetBytes"/> in all. An entry is dropped as soon as its record changes:
/// it remembers the record's version from before it was fetched and is used only while that is still current.
/// File bytes never travel in grain messages, so this cache is per silo.
/// </summary>
internal sealed class FileCache : IDisposable
{
    private readonly MemoryCache _memory;
    private readonly CacheVersions _versions;
    private readonly FilesOptions _options;

    public FileCache(CacheVersions versions, IOptions<FilesOptions> options, TimeProvider time)
    {
        _versions = versions;
        _options = options.Value;
        _memory = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = Math.Max(1, _options.CacheBudgetBytes),
            Clock = new TimeProviderClock(time),
        });
    }

    public bool Enabled => _options.CacheMaxFileBytes > 0 && _options.CacheBudgetBytes > 0;

    public long MaxFileBytes => _options.CacheMaxFileBytes;

    /// <summary>The version an entry fetched now will carry; read before the fetch.</summary>
    public long VersionOf(string collectionId, string recordId) => _versions.RecordVersion(collectionId, recordId);

    public CachedFile? Find(string key, string collectionId, string recordId)
    {
        if (_memory.TryGetValue(key, out CachedFile? file) && file is not null)
        {
            if (file.Version >= VersionOf(collectionId, recordId))
            {
                return file;
            }

            _memory.Remove(key);
        }

        return null;
    }

    public void Keep(string key, CachedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        _memory.Set(key, file, new MemoryCacheEntryOptions
        {
            Size = Math.Max(1, file.Body.Length),
            AbsoluteExpirationRelativeToNow =
                _options.CacheTtl > TimeSpan.Zero ? _options.CacheTtl : TimeSpan.FromTicks(1),
        });
    }

    public void Dispose() => _memory.Dispose();

    private sealed class TimeProviderClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
