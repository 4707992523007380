namespace Hapta.Bench.Load;

internal enum MixKind
{
    /// <summary>A guest or a logged-in user views one post.</summary>
    View,

    /// <summary>A guest or a logged-in user reads a feed page (<c>sort=-created&amp;perPage=20</c>).</summary>
    Page,

    /// <summary>A logged-in user creates a public post.</summary>
    Create,

    /// <summary>A logged-in user edits one of their public posts.</summary>
    Update,
}
