using Hapta.Bench.PocketBase;

namespace Hapta.Bench.Running;

/// <summary>
/// The bodies Hapta answered for W1 and W2, which the bare Kestrel endpoint serves byte for byte, and the record of
/// W7's files, which it serves too.
/// </summary>
internal sealed record BodySizes(int W1Bytes, int W2Bytes, string ContentType, string ViewedPostId, MediaRecord Media);
