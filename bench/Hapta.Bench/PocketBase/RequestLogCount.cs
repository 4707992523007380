namespace Hapta.Bench.PocketBase;

/// <summary>Requests to a window's URL (see <see cref="LogWindow"/>) that PocketBase logged in that window.</summary>
internal sealed record RequestLogCount(long All, long Reads)
{
    public long Writes => All - Reads;
}
