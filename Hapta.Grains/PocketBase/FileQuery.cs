using Refit;

namespace Hapta.PocketBase;

/// <summary>The query of a file download; a <see langword="null"/> member is not sent.</summary>
public sealed record FileQuery
{
    [AliasAs("thumb")]
    public string? Thumb { get; init; }

    [AliasAs("download")]
    public string? Download { get; init; }

    /// <summary>PocketBase's own file token (never the client's: Hapta swaps its token for this one).</summary>
    [AliasAs("token")]
    public string? Token { get; init; }
}
