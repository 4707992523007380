namespace Hapta.Bench.PocketBase;

/// <summary>A post of the bench seed, as the admin read it before the load began.</summary>
internal sealed record SeedPost(string Id, string AuthorId, bool IsPublic, string Created);
