namespace Hapta.Bench.Load;

/// <summary>
/// One step of a mix. <see cref="Target"/> is the popularity rank of the post (View), the page number (Page),
/// or the index of the account that writes (Create, Update); <see cref="Post"/> is the index into that
/// account's public posts (Update); <see cref="Reader"/> is the index of the logged-in account that reads
/// (View, Page), or -1 for a guest.
/// </summary>
internal readonly record struct MixOperation(MixKind Kind, int Target, int Post = 0, int Reader = -1);
