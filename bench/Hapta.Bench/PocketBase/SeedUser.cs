namespace Hapta.Bench.PocketBase;

internal sealed record SeedUser(string Id, string Username);
