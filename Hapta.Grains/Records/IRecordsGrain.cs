using Hapta.PocketBase;

namespace Hapta.Records;

/// <summary>
/// Forwards PocketBase's records API. A stateless worker: every silo runs its own activations, so a
/// request never leaves the silo that received it. <c>authorization</c> is the client's
/// <c>Authorization</c> header as sent (<see langword="null"/> for a guest); the collection and id have
/// been checked by the caller. Key: always 0.
/// </summary>
[Alias("Hapta.Records.IRecordsGrain")]
public interface IRecordsGrain : IGrainWithIntegerKey
{
    [Alias("ListAsync")]
    Task<UpstreamResponse> ListAsync(
        string collection,
        RecordQuery query,
        string? authorization,
        CancellationToken cancellationToken);

    [Alias("ViewAsync")]
    Task<UpstreamResponse> ViewAsync(
        string collection,
        string id,
        RecordQuery query,
        string? authorization,
        CancellationToken cancellationToken);

    /// <summary>Creates a record from a JSON object (<paramref name="json"/> is UTF-8).</summary>
    [Alias("CreateAsync")]
    Task<UpstreamResponse> CreateAsync(
        string collection,
        byte[] json,
        RecordQuery query,
        string? authorization,
        CancellationToken cancellationToken);

    [Alias("UpdateAsync")]
    Task<UpstreamResponse> UpdateAsync(
        string collection,
        string id,
        byte[] json,
        RecordQuery query,
        string? authorization,
        CancellationToken cancellationToken);

    [Alias("DeleteAsync")]
    Task<UpstreamResponse> DeleteAsync(
        string collection,
        string id,
        string? authorization,
        CancellationToken cancellationToken);
}
