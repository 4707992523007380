namespace Hapta.Bench.PocketBase;

/// <summary>Requests to <c>/api/collections/posts/records</c> that PocketBase logged in one window.</summary>
internal sealed record RequestLogCount(long All, long Reads)
{
    public long Writes => All - Reads;
}
