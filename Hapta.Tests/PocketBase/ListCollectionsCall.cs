namespace Hapta.PocketBase.Tests;

/// <summary>One <c>GET /api/collections</c> the fake received.</summary>
internal sealed record ListCollectionsCall(string AdminToken, int Page, int PerPage);
