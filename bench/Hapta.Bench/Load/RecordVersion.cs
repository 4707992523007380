namespace Hapta.Bench.Load;

/// <summary>What a response said about one post: PocketBase's <c>created</c> and <c>updated</c> stamps.</summary>
internal readonly record struct RecordVersion(string Id, string Created, string Updated);
