using Refit;

namespace Hapta.PocketBase;

/// <summary>
/// The part of PocketBase 0.22's HTTP API that Hapta uses. Record calls return the raw
/// <see cref="HttpResponseMessage"/> so that PocketBase's JSON reaches the client byte for byte;
/// admin calls are typed. An <c>authorization</c> of <see langword="null"/> sends no header (a guest).
/// </summary>
public interface IPocketBaseApi
{
    /// <summary><c>GET /api/health</c>: 200 while PocketBase serves.</summary>
    [Get("/api/health")]
    Task<HttpResponseMessage> GetHealthAsync(CancellationToken cancellationToken);

    /// <summary>Logs in as a PocketBase admin; 400 on wrong credentials.</summary>
    [Post("/api/admins/auth-with-password")]
    Task<IApiResponse<AdminAuthResponse>> AdminAuthWithPasswordAsync(
        [Body] AdminCredentials credentials,
        CancellationToken cancellationToken);

    /// <summary>Renews an admin token; 401 when the token is no longer valid.</summary>
    [Post("/api/admins/auth-refresh")]
    Task<IApiResponse<AdminAuthResponse>> AdminAuthRefreshAsync(
        [Header("Authorization")] string adminToken,
        CancellationToken cancellationToken);

    /// <summary>One page of collection definitions (admin only).</summary>
    [Get("/api/collections")]
    Task<IApiResponse<CollectionPage>> ListCollectionsAsync(
        [Header("Authorization")] string adminToken,
        [Query] int page,
        [Query] int perPage,
        CancellationToken cancellationToken);

    [Get("/api/collections/{collection}/records")]
    Task<HttpResponseMessage> ListRecordsAsync(
        string collection,
        [Query] RecordQuery query,
        [Header("Authorization")] string? authorization,
        CancellationToken cancellationToken);

    [Get("/api/collections/{collection}/records/{id}")]
    Task<HttpResponseMessage> ViewRecordAsync(
        string collection,
        string id,
        [Query] RecordQuery query,
        [Header("Authorization")] string? authorization,
        CancellationToken cancellationToken);

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

    [Delete("/api/collections/{collection}/records/{id}")]
    Task<HttpResponseMessage> DeleteRecordAsync(
        string collection,
        string id,
        [Header("Authorization")] string? authorization,
        CancellationToken cancellationToken);

    /// <summary>A user's password login; answers <c>{token, record}</c> with PocketBase's token.</summary>
    [Post("/api/collections/{collection}/auth-with-password")]
    Task<HttpResponseMessage> AuthWithPasswordAsync(
        string collection,
        [Body] HttpContent body,
        [Query] RecordQuery query,
        CancellationToken cancellationToken);

    /// <summary>An OAuth2 login with the provider's code; answers <c>{token, record, meta}</c>.</summary>
    [Post("/api/collections/{collection}/auth-with-oauth2")]
    Task<HttpResponseMessage> AuthWithOAuth2Async(
        string collection,
        [Body] HttpContent body,
        [Query] RecordQuery query,
        CancellationToken cancellationToken);

    /// <summary>Renews a user's PocketBase token; answers <c>{token, record}</c>, 401 for a dead token.</summary>
    [Post("/api/collections/{collection}/auth-refresh")]
    Task<HttpResponseMessage> AuthRefreshAsync(
        string collection,
        [Header("Authorization")] string pocketBaseToken,
        [Query] RecordQuery query,
        CancellationToken cancellationToken);

    [Get("/api/collections/{collection}/auth-methods")]
    Task<HttpResponseMessage> AuthMethodsAsync(string collection, CancellationToken cancellationToken);

    /// <summary>
    /// One of the token-less auth actions (<c>request-verification</c>, <c>confirm-verification</c>,
    /// <c>request-password-reset</c>, <c>confirm-password-reset</c>); the caller restricts <paramref name="action"/>.
    /// </summary>
    [Post("/api/collections/{collection}/{action}")]
    Task<HttpResponseMessage> AuthActionAsync(
        string collection,
        string action,
        [Body] HttpContent body,
        CancellationToken cancellationToken);
}
