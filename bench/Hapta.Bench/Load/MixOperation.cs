namespace Hapta.Bench.Load;

/// <summary>
/// One step of a mix. <see cref="Target"/> is the popularity rank of the post (View), the page number (Page),
/// or the index of the writer (Create, Update); <see cref="Post"/> is the index into the writer's public
/// posts (Update).
/// </summary>
internal readonly record struct MixOperation(MixKind Kind, int Target, int Post = 0);
