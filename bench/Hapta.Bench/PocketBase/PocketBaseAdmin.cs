using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hapta.Bench.Running;

namespace Hapta.Bench.PocketBase;

/// <summary>
/// PocketBase's admin API, used outside the measured windows only: one admin login per run (each login
/// costs PocketBase a bcrypt check and is itself logged), reading the seed, uploading W7's files, and counting the
/// request log.
/// </summary>
internal sealed class PocketBaseAdmin : IDisposable
{
    private readonly HttpClient _http;
    private string? _token;

    public PocketBaseAdmin(Uri pocketBase)
    {
        _http = new HttpClient { BaseAddress = pocketBase, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task LoginAsync(string email, string password, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(
            "/api/admins/auth-with-password", new { identity = email, password }, cancellationToken);
        var body = await ReadAsync(response, "admin login", cancellationToken);
        _token = (string?)body["token"] ?? throw new BenchFailedException("admin login: no token in the answer");
    }

    /// <summary>Every record of a collection, in pages of 500, as the admin sees them (rules do not apply).</summary>
    public async Task<List<JsonObject>> ListAllAsync(
        string collection,
        string sortAndFields,
        CancellationToken cancellationToken)
    {
        var all = new List<JsonObject>();
        for (var page = 1; ; page++)
        {
            var body = await GetAsync(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"/api/collections/{collection}/records?page={page}&perPage=500&skipTotal=1&{sortAndFields}"),
                cancellationToken);
            var items = body["items"]!.AsArray();
            all.AddRange(items.Select(item => item!.AsObject()));
            if (items.Count < 500)
            {
                return all;
            }
        }
    }

    /// <summary>Creates a record from a multipart form (its fields and files); answers the record as made.</summary>
    public async Task<JsonObject> CreateRecordAsync(
        string collection,
        MultipartFormDataContent form,
        CancellationToken cancellationToken)
    {
        var path = $"/api/collections/{collection}/records";
        using var request = Authorized(new HttpRequestMessage(HttpMethod.Post, path) { Content = form });
        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAsync(response, "POST " + path, cancellationToken);
    }

    /// <summary>How many request-log rows match <paramref name="filter"/> (PocketBase's filter syntax).</summary>
    public async Task<long> CountLogsAsync(string filter, CancellationToken cancellationToken)
    {
        var body = await GetAsync("/api/logs?perPage=1&filter=" + Uri.EscapeDataString(filter), cancellationToken);
        return (long)body["totalItems"]!;
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonObject> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = Authorized(new HttpRequestMessage(HttpMethod.Get, path));
        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAsync(response, "GET " + path, cancellationToken);
    }

    private HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue(
            _token ?? throw new InvalidOperationException("log in first"));
        return request;
    }

    private static async Task<JsonObject> ReadAsync(
        HttpResponseMessage response,
        string what,
        CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode && JsonNode.Parse(text) is JsonObject body
            ? body
            : throw new BenchFailedException($"{what}: PocketBase answered {(int)response.StatusCode}: {text}");
    }
}
