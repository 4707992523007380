namespace Hapta.Files;

/// <summary>
/// A file anyone may download, kept in memory: its bytes, PocketBase's headers, and its record's version when fetched.
/// </summary>
internal sealed record CachedFile(byte[] Body, IReadOnlyList<KeyValuePair<string, string>> Headers, long Version);
