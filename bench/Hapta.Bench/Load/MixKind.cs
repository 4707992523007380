namespace Hapta.Bench.Load;

internal enum MixKind
{
    /// <summary>A guest views one post.</summary>
    View,

    /// <summary>A guest reads a feed page (<c>sort=-created&amp;perPage=20</c>).</summary>
    Page,

    /// <summary>A logged-in user creates a public post.</summary>
    Create,

    /// <summary>A logged-in user edits one of their public posts.</summary>
    Update,
}
