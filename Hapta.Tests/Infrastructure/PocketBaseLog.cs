using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Hapta.Tests.Infrastructure;

/// <summary>
/// Counts the requests PocketBase itself logged. PocketBase 0.22 writes its request log in batches, once
/// no new entry has come for about three seconds; so a test first sends a sentinel request that must show
/// up, then polls with quiet pauses longer than that (each poll is itself logged) until it does, and only
/// then counts what must not be there.
/// </summary>
internal static class PocketBaseLog
{
    private static readonly TimeSpan QuietPause = TimeSpan.FromSeconds(4);

    public static async Task<int> CountAsync(PocketBaseProcess pocketBase, string urlFragment)
    {
        var body = await QueryAsync(pocketBase, $"perPage=1&filter={Uri.EscapeDataString($"data.url ~ '{urlFragment}'")}");
        return (int)body["totalItems"]!;
    }

    /// <summary>Waits until PocketBase has logged a request whose URL contains <paramref name="sentinel"/>.</summary>
    public static async Task WaitForAsync(PocketBaseProcess pocketBase, string sentinel)
    {
        try
        {
            await Guard.Until(
                async () =>
                {
                    if (await CountAsync(pocketBase, sentinel) > 0)
                    {
                        return true;
                    }

                    await Task.Delay(QuietPause, TimeProvider.System);
                    return false;
                },
                "PocketBase request log: sentinel",
                TimeSpan.FromSeconds(45));
        }
        catch (TimeoutException ex)
        {
            var recent = await QueryAsync(pocketBase, "perPage=10&sort=-created");
            throw new TimeoutException(
                $"{ex.Message}; looked for '{sentinel}'; latest entries: {recent["items"]?.ToJsonString()}; PocketBase said:\n{pocketBase.Output}", ex);
        }
    }

    /// <summary>
    /// Every logged request that matches <paramref name="filter"/> (PocketBase's filter syntax over the log), oldest
    /// first, read in pages of 500 (the most PocketBase returns at once). Call it after
    /// <see cref="WaitForAsync"/>, so that the batch holding the requests is written.
    /// </summary>
    public static async Task<IReadOnlyList<JsonObject>> EntriesAsync(PocketBaseProcess pocketBase, string filter)
    {
        const int PageSize = 500;
        var entries = new List<JsonObject>();
        for (var page = 1; ; page++)
        {
            var body = await QueryAsync(
                pocketBase,
                $"page={page}&perPage={PageSize}&sort=created&filter={Uri.EscapeDataString(filter)}");
            var items = body["items"]?.AsArray() ?? [];
            entries.AddRange(items.OfType<JsonObject>());
            if (items.Count < PageSize)
            {
                return entries;
            }
        }
    }

    private static async Task<JsonObject> QueryAsync(PocketBaseProcess pocketBase, string query)
    {
        var token = await pocketBase.CachedAdminTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/logs?" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue(token);
        using var response = await pocketBase.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? (JsonObject)JsonNode.Parse(text)!
            : throw new InvalidOperationException($"GET /api/logs answered {(int)response.StatusCode}: {text}");
    }
}
