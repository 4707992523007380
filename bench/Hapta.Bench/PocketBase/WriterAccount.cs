namespace Hapta.Bench.PocketBase;

/// <summary>A seed user logged in at PocketBase or at Hapta (its token there), with the public posts it may update.</summary>
internal sealed record WriterAccount(string UserId, string Token, IReadOnlyList<string> PublicPostIds);
