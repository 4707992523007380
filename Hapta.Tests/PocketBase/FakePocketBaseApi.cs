using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using System.Text.Json;
using Refit;

namespace Hapta.PocketBase.Tests;

/// <summary>
/// A hand-written <see cref="IPocketBaseApi"/> for the admin calls: each test sets what PocketBase answers
/// and reads back what was asked. Calls may come from grain threads, so the records are concurrent.
/// </summary>
internal sealed class FakePocketBaseApi : IPocketBaseApi
{
    private static readonly RefitSettings Settings = new();

    public FakePocketBaseApi()
    {
        Reset();
    }

    public Func<AdminCredentials, CancellationToken, Task<IApiResponse<AdminAuthResponse>>> OnLogin { get; set; }

    public Func<string, CancellationToken, Task<IApiResponse<AdminAuthResponse>>> OnRefresh { get; set; }

    public Func<ListCollectionsCall, Task<IApiResponse<CollectionPage>>> OnListCollections { get; set; }

    public ConcurrentQueue<AdminCredentials> Logins { get; } = new();

    public ConcurrentQueue<string> Refreshes { get; } = new();

    public ConcurrentQueue<ListCollectionsCall> CollectionReads { get; } = new();

    /// <summary>Forgets every answer and every recorded call, for a fake shared by a fixture.</summary>
    [MemberNotNull(nameof(OnLogin), nameof(OnRefresh), nameof(OnListCollections))]
    public void Reset()
    {
        OnLogin = static (_, _) => throw Unanswered("an admin login");
        OnRefresh = static (_, _) => throw Unanswered("an admin refresh");
        OnListCollections = static _ => throw Unanswered("a collections read");
        Logins.Clear();
        Refreshes.Clear();
        CollectionReads.Clear();
    }

    /// <summary>A 2xx answer with <paramref name="content"/>, as Refit builds it.</summary>
    public static Task<IApiResponse<T>> Ok<T>(T content)
    {
        var message = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, "http://pocketbase.test/api"),
        };
        return Task.FromResult<IApiResponse<T>>(new ApiResponse<T>(message, content, Settings));
    }

    /// <summary>An error answer: PocketBase's JSON body plus the <see cref="ApiException"/> Refit attaches.</summary>
    public static async Task<IApiResponse<T>> Error<T>(HttpStatusCode status, string message = "Failed.")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://pocketbase.test/api");
        var json = JsonSerializer.Serialize(new { code = (int)status, message, data = new { } });
        var response = new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        var error = await ApiException.Create(request, request.Method, response, Settings);
        return new ApiResponse<T>(response, default, Settings, error);
    }

    public Task<IApiResponse<AdminAuthResponse>> AdminAuthWithPasswordAsync(
        AdminCredentials credentials,
        CancellationToken cancellationToken)
    {
        Logins.Enqueue(credentials);
        return OnLogin(credentials, cancellationToken);
    }

    public Task<IApiResponse<AdminAuthResponse>> AdminAuthRefreshAsync(
        string adminToken,
        CancellationToken cancellationToken)
    {
        Refreshes.Enqueue(adminToken);
        return OnRefresh(adminToken, cancellationToken);
    }

    public Task<IApiResponse<CollectionPage>> ListCollectionsAsync(
        string adminToken,
        int page,
        int perPage,
        CancellationToken cancellationToken)
    {
        var call = new ListCollectionsCall(adminToken, page, perPage);
        CollectionReads.Enqueue(call);
        return OnListCollections(call);
    }

    private static InvalidOperationException Unanswered(string call) =>
        new($"The test did not say how PocketBase answers {call}.");

    public Task<HttpResponseMessage> GetHealthAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not an admin call.");

    public Task<HttpResponseMessage> ListRecordsAsync(
        string collection,
        RecordQuery query,
        string? authorization,
        CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not an admin call.");

    public Task<HttpResponseMessage> ViewRecordAsync(
        string collection,
        string id,
        RecordQuery query,
        string? authorization,
        CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not an admin call.");

    public Task<HttpResponseMessage> CreateRecordAsync(
        string collection,
        HttpContent body,
        RecordQuery query,
        string? authorization,
        CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not an admin call.");

    public Task<HttpResponseMessage> UpdateRecordAsync(
        string collection,
        string id,
        HttpContent body,
        RecordQuery query,
        string? authorization,
        CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not an admin call.");

    public Task<HttpResponseMessage> DeleteRecordAsync(
        string collection,
        string id,
        string? authorization,
        CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not an admin call.");

    /// <summary>Answers a user's auth-refresh; set by session tests. Receives the PocketBase token presented.</summary>
    public Func<string, HttpResponseMessage>? AuthRefresh { get; set; }

    /// <summary>The PocketBase tokens presented to auth-refresh, in order.</summary>
    public List<string> AuthRefreshTokens { get; } = [];

    public Task<HttpResponseMessage> AuthRefreshAsync(
        string collection,
        string pocketBaseToken,
        RecordQuery query,
        CancellationToken cancellationToken)
    {
        lock (AuthRefreshTokens)
        {
            AuthRefreshTokens.Add(pocketBaseToken);
        }

        return Task.FromResult(AuthRefresh?.Invoke(pocketBaseToken)
            ?? throw new NotSupportedException("Set AuthRefresh before a session refreshes."));
    }

    public Task<HttpResponseMessage> AuthWithPasswordAsync(
        string collection,
        HttpContent body,
        RecordQuery query,
        CancellationToken cancellationToken) =>
        throw new NotSupportedException("Logins are tested against a real PocketBase.");

    public Task<HttpResponseMessage> AuthWithOAuth2Async(
        string collection,
        HttpContent body,
        RecordQuery query,
        CancellationToken cancellationToken) =>
        throw new NotSupportedException("Logins are tested against a real PocketBase.");

    public Task<HttpResponseMessage> AuthMethodsAsync(string collection, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not used by grain tests.");

    public Task<HttpResponseMessage> AuthActionAsync(
        string collection,
        string action,
        HttpContent body,
        CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not used by grain tests.");
}
