using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Hapta.Caching.Rules;
using Hapta.Collections;
using Hapta.Errors;
using Hapta.PocketBase;
using Hapta.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Hapta.Caching;

/// <summary>
/// The HTTP side of the cache (DESIGN §6): plans a read, asks its cache grain with the stamp this silo needs,
/// decides the visibility of shared record views, and announces writes made through Hapta before they are
/// acknowledged.
/// </summary>
internal sealed class CachedReads(
    IGrainFactory grains,
    CacheVersions versions,
    CacheBudget budget,
    LocalCopies copies,
    CollectionDirectory directory,
    IOptions<CacheOptions> options)
{
    private static readonly UpstreamResponse Hidden = new()
    {
        Outcome = UpstreamOutcome.Answered,
        Status = 404,
        ContentType = "application/json",
        Body = Encoding.UTF8.GetBytes("""{"code":404,"message":"The requested resource wasn't found.","data":{}}"""),
    };

    private readonly ConditionalWeakTable<CollectionInfo, StrongBox<RecordRule?>> _viewRules = new();

    /// <summary>
    /// How <paramref name="query"/> is cached for <paramref name="identity"/>; <see langword="null"/>: it is not.
    /// </summary>
    public CachePlan? Plan(
        CollectionInfo collection,
        CacheOperation operation,
        string? recordId,
        RecordQuery query,
        Identity identity)
    {
        if (!options.Value.Enabled)
        {
            return null;
        }

        var requester = identity.Claims is { } claims ? (claims.CollectionId, claims.UserId) : ((string, string)?)null;
        return CachePlanner.Plan(collection, operation, recordId, query, requester, c => ViewRule(c) is not null);
    }

    public async Task<Results<PocketBaseResult, ApiError>> ReadAsync(
        CachePlan plan,
        CollectionInfo collection,
        Identity identity,
        CancellationToken cancellationToken)
    {
        var needed = versions.Needed(plan);
        var trackItems = plan.Operation == CacheOperation.List && !plan.ListFields.IsDefault;
        var copy = copies.Find(plan.Key, needed, plan.CollectionId, trackItems);
        CachedResponse entry;
        if (copy is not null)
        {
            budget.Hit(plan.Key);
            entry = copy.Entry;
        }
        else
        {
            var fetch = new CacheFetch
            {
                Collection = plan.Collection,
                CollectionId = plan.CollectionId,
                TrackItems = trackItems,
                Operation = plan.Operation,
                RecordId = plan.RecordId,
                Query = plan.Query,
                Authorization = plan.Shared ? null : identity.PocketBaseToken,
                AsAdmin = plan.Shared,
                Stamp = needed,
            };
            entry = await grains.GetGrain<ICacheGrain>(plan.Key).GetAsync(fetch, cancellationToken);
            if (entry.Response.Outcome != UpstreamOutcome.Answered)
            {
                return entry.Response.ToResult();
            }

            copies.Keep(plan.Key, entry);
        }

        var status = entry.Hit ? "hit" : "miss";
        if (plan.Shared && entry.Response.Status == 200
            && !await MayViewAsync(collection, copy, entry, identity, cancellationToken))
        {
            return new PocketBaseResult(Hidden, "", status);
        }

        return new PocketBaseResult(entry.Response, entry.ETag, status);
    }

    /// <summary>Forgets this silo's copy of <paramref name="key"/>, after an admin purged its entry.</summary>
    public void ForgetCopy(string key) => copies.Forget(key);

    /// <summary>
    /// Announces a write to every silo and waits until they have it, so that the writer's next read, on any silo,
    /// reflects it. <paramref name="recordId"/> <see langword="null"/> stands for any record of the collection.
    /// </summary>
    /// <remarks>
    /// Not cancellable: once PocketBase has the write, the announcement must go out even if the client hung up.
    /// </remarks>
    public Task AnnounceWriteAsync(CollectionInfo collection, string? recordId)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return PurgeAsync(new ChangeNotice { CollectionId = collection.Id, RecordId = recordId });
    }

    /// <summary>
    /// Announces a create, update or delete that PocketBase accepted: <paramref name="body"/> is the JSON the client
    /// sent (an update's fields), <paramref name="answer"/> PocketBase's answer (the record's id and
    /// <c>updated</c>, by which the change feed's echo of this write is recognised).
    /// </summary>
    public Task AnnounceWriteAsync(
        CollectionInfo collection,
        string action,
        string? recordId,
        byte[]? body,
        UpstreamResponse answer)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(answer);
        if (!answer.IsSuccess)
        {
            // The write timed out: whether PocketBase applied it, and to what, is unknown.
            return AnnounceWriteAsync(collection, recordId);
        }

        var (id, updated) = action == "delete" ? (recordId, null) : RecordStamp(answer.Body);
        return PurgeAsync(new ChangeNotice
        {
            CollectionId = collection.Id,
            RecordId = id ?? recordId,
            Fingerprint = id is null && action != "delete" ? null : ChangeNotice.FingerprintOf(action, updated),
            Fields = action == "update" && id is not null && body is not null ? UpdatedFields(body) : null,
        });
    }

    /// <summary>Ends the entries <paramref name="notice"/> names on every silo, and returns once they know.</summary>
    public async Task PurgeAsync(ChangeNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var sequence = await grains.GetGrain<ICacheVersionsGrain>(0)
            .PublishAsync([notice], waitForSilos: true, CancellationToken.None);
        versions.Apply(sequence, notice);
    }

    /// <summary>The <c>id</c> and <c>updated</c> of the record PocketBase answered with, where it has them.</summary>
    internal static (string? Id, string? Updated) RecordStamp(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                ? (Text(root, "id"), Text(root, "updated"))
                : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }

        static string? Text(JsonElement record, string name) =>
            record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
    }

    /// <summary>
    /// The fields an update sets: the body's top-level names without PocketBase's <c>+</c>/<c>-</c> modifiers, plus
    /// <c>updated</c>, which PocketBase sets on every update; <see langword="null"/> when the body is not a JSON
    /// object.
    /// </summary>
    internal static ImmutableArray<string>? UpdatedFields(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return
            [
                .. document.RootElement.EnumerateObject().Select(static p => p.Name.Trim('+', '-')),
                "updated",
            ];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private RecordRule? ViewRule(CollectionInfo collection) =>
        _viewRules.GetValue(collection, static c => new StrongBox<RecordRule?>(
            c.ViewRule is null ? null : RecordRule.TryCompile(c.ViewRule, c))).Value;

    private async ValueTask<bool> MayViewAsync(
        CollectionInfo collection,
        LocalCopy? copy,
        CachedResponse entry,
        Identity identity,
        CancellationToken cancellationToken)
    {
        if (ViewRule(collection) is not { } rule)
        {
            return false;
        }

        var requester = Requester.Guest;
        if (identity.Claims is { } claims)
        {
            var auth = await directory.FindAsync(claims.CollectionId, cancellationToken);
            requester = new Requester(claims.UserId, claims.CollectionId, auth.Collection?.Name);
        }

        try
        {
            if (copy is not null)
            {
                return rule.Allows(copy.Record, requester);
            }

            using var document = JsonDocument.Parse(entry.Response.Body);
            return rule.Allows(document.RootElement, requester);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
