using Refit;

namespace Hapta.PocketBase;

/// <summary>
/// PocketBase's file routes and the record writes that carry files. Unlike <see cref="IPocketBaseApi"/> this client
/// has no retries and no time budget of its own: bodies are streams read once (a retry could not resend them), and
/// a 100 MB transfer takes as long as it takes; the caller bounds it with its cancellation token. Responses are
/// returned as soon as their headers arrive, so a download streams.
/// </summary>
public interface IPocketBaseFiles
{
    [Get("/api/files/{collection}/{recordId}/{fileName}")]
    Task<HttpResponseMessage> DownloadAsync(
        string collection,
        string recordId,
        string fileName,
        [Query] FileQuery query,
        [HeaderCollection] IDictionary<string, string> headers,
        CancellationToken cancellationToken);

    [Head("/api/files/{collection}/{recordId}/{fileName}")]
    Task<HttpResponseMessage> HeadAsync(
        string collection,
        string recordId,
        string fileName,
        [Query] FileQuery query,
        [HeaderCollection] IDictionary<string, string> headers,
        CancellationToken cancellationToken);

    /// <summary>A short-lived token for protected files, for the user whose PocketBase token is given.</summary>
    [Post("/api/files/token")]
    Task<HttpResponseMessage> FileTokenAsync(
        [Header("Authorization")] string pocketBaseToken,
        CancellationToken cancellationToken);

    /// <summary>A record create whose body is a multipart form with files, streamed as it is read.</summary>
    [Post("/api/collections/{collection}/records")]
    Task<HttpResponseMessage> CreateRecordAsync(
        string collection,
        [Body] HttpContent body,
        [Query] RecordQuery query,
        [Header("Authorization")] string? authorization,
        CancellationToken cancellationToken);

    [Patch("/api/collections/{collection}/records/{id}")]
    Task<HttpResponseMessage> UpdateRecordAsync(
        string collection,
        string id,
        [Body] HttpContent body,
        [Query] RecordQuery query,
        [Header("Authorization")] string? authorization,
        CancellationToken cancellationToken);
}
