namespace Hapta.Bench.PocketBase;

/// <summary>A file of W7's media record: the name PocketBase stored it under, its length, its SHA-256 in hex.</summary>
internal sealed record MediaFile(string Name, int Length, string Sha256);
