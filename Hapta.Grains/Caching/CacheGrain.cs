using System.Buffers.Text;
using System.Collections.Immutable;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Hapta.PocketBase;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hapta.Caching;

/// <summary>
/// Holds one PocketBase answer (DESIGN §6). An entry answers while it covers the stamp the request's silo needs
/// (no change it must reflect came after the entry's read started) and its lifetime lasts; anything else is a
/// miss, read once for every caller waiting in the queue.
/// </summary>
[CollectionAgeLimit(Minutes = 10)]
internal sealed class CacheGrain(
    IPocketBaseApi pocketBase,
    IPocketBaseAdminSession admin,
    RateLimiting.UpstreamAdmission admission,
    CacheBudget budget,
    CacheVersions versions,
    IOptions<CacheOptions> options,
    TimeProvider time,
    ILogger<CacheGrain> logger) : Grain, ICacheGrain
{
    /// <summary>The kept answer, marked as a hit, so that a hit returns it without a copy.</summary>
    private CachedResponse? _entry;

    public async Task<CachedResponse> GetAsync(CacheFetch fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var key = this.GetPrimaryKeyString();
        var now = time.GetUtcNow();
        if (_entry is { } entry && now < entry.ExpiresAt && entry.Stamp.Covers(fetch.Stamp)
            && (!fetch.TrackItems || versions.Unchanged(fetch.CollectionId, entry.Items, entry.ItemsAsOf)))
        {
            budget.Hit(key);
            return entry;
        }

        budget.Miss();
        var asOf = versions.Newest;
        var answer = await FetchAsync(fetch, cancellationToken);
        var limits = options.Value;
        var items = fetch.TrackItems && answer.Status == (int)HttpStatusCode.OK ? ItemIds(answer.Body) : default;
        var storable = answer.Outcome == UpstreamOutcome.Answered
            && (answer.Status == (int)HttpStatusCode.OK
                || (answer.Status == (int)HttpStatusCode.NotFound && fetch.Operation == CacheOperation.View))
            && answer.Body.Length <= limits.MaxEntryBytes
            && (!fetch.TrackItems || !items.IsDefault);
        var ttl = versions.FeedConnected ? limits.TtlOf(fetch.Collection) : limits.DegradedTtl;
        var fresh = new CachedResponse
        {
            Response = answer,
            ETag = storable ? ETagOf(answer.Body) : "",
            Stamp = fetch.Stamp,
            ExpiresAt = now + ttl * (1 - (Random.Shared.NextDouble() * limits.TtlJitter)),
            Storable = storable,
            Items = items,
            ItemsAsOf = asOf,
        };

        if (!storable)
        {
            logger.CacheStoreSkipped(key, answer.Status, answer.Body.Length);
            if (_entry is not null)
            {
                Release(key);
            }

            return fresh;
        }

        _entry = fresh with { Hit = true };
        foreach (var victim in budget.Store(key, answer.Body.Length))
        {
            // Fire and forget: an eviction that does not arrive only leaves an entry to its lifetime.
            _ = GrainFactory.GetGrain<ICacheGrain>(victim).DropAsync();
        }

        return fresh;
    }

    public Task DropAsync()
    {
        if (_entry is not null)
        {
            Release(this.GetPrimaryKeyString());
        }

        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_entry is not null)
        {
            Release(this.GetPrimaryKeyString());
        }

        return Task.CompletedTask;
    }

    /// <summary>The <c>id</c> of every item of a list answer; default when any item has none.</summary>
    internal static ImmutableArray<string> ItemIds(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return default;
            }

            var ids = ImmutableArray.CreateBuilder<string>(items.GetArrayLength());
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var id)
                    || id.GetString() is not { } text)
                {
                    return default;
                }

                ids.Add(text);
            }

            return ids.MoveToImmutable();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return default;
        }
    }

    /// <summary>A strong entity tag: the first 96 bits of the body's SHA-256, quoted (RFC 9110 §8.8.3).</summary>
    internal static string ETagOf(byte[] body) =>
        "\"" + Base64Url.EncodeToString(SHA256.HashData(body).AsSpan(0, 12)) + "\"";

    private void Release(string key)
    {
        _entry = null;
        budget.Forget(key);
    }

    private async Task<UpstreamResponse> FetchAsync(CacheFetch fetch, CancellationToken cancellationToken)
    {
        if (!fetch.AsAdmin)
        {
            return await ReadAsync(fetch, fetch.Authorization, cancellationToken);
        }

        // Shared views are read as an admin sees them; visibility is decided per request by the caller. A token
        // PocketBase no longer accepts (it restarted with another secret) is dropped and the read tried once more.
        for (var attempt = 0; ; attempt++)
        {
            var token = await admin.GetTokenAsync(cancellationToken);
            var answer = await ReadAsync(fetch, token, cancellationToken);
            if (attempt > 0 || answer.Status is not ((int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden))
            {
                return answer;
            }

            admin.Reject(token);
        }
    }

    private Task<UpstreamResponse> ReadAsync(
        CacheFetch fetch,
        string? authorization,
        CancellationToken cancellationToken) =>
        fetch.Operation == CacheOperation.List
            ? UpstreamCall.SendAsync(
                admission,
                ct => pocketBase.ListRecordsAsync(fetch.Collection, fetch.Query, authorization, ct),
                "list records",
                logger,
                cancellationToken)
            : UpstreamCall.SendAsync(
                admission,
                ct => pocketBase.ViewRecordAsync(fetch.Collection, fetch.RecordId!, fetch.Query, authorization, ct),
                "view record",
                logger,
                cancellationToken);
}
