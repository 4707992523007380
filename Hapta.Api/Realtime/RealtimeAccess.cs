using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hapta.Caching.Rules;
using Hapta.Collections;
using Hapta.PocketBase;
using Hapta.Records;

namespace Hapta.Realtime;

/// <summary>
/// Whether a client may receive a record event, decided as PocketBase 0.22 decides it: a <c>collection/*</c>
/// subscription under the list rule, a <c>collection/ID</c> one under the view rule; a rule of <c>null</c> is for
/// admins only, <c>""</c> for everyone. A rule Hapta can evaluate (field comparisons, <c>@request.auth.*</c>,
/// <c>&amp;&amp;</c>, <c>||</c>) is evaluated here on the record the change feed received, at no cost to
/// PocketBase; any other rule is put to PocketBase as the client's user (one list or view request per client and
/// event), which a deleted record can no longer answer, so such deletions are not delivered.
/// </summary>
internal sealed class RealtimeAccess(IGrainFactory grains, CollectionDirectory directory)
{
    private readonly ConditionalWeakTable<CollectionInfo, CompiledRules> _rules = new();

    /// <summary>
    /// The record's JSON as the client may see it (the event's own text where nothing is to hide or shape), or
    /// <see langword="null"/> when it may not see it.
    /// </summary>
    public async ValueTask<string?> RecordForAsync(
        CollectionInfo collection,
        RealtimeTopic topic,
        RecordEvent recordEvent,
        JsonElement record,
        RealtimeOwner owner,
        CancellationToken cancellationToken)
    {
        var useList = topic.RecordId is null;
        var rule = useList ? collection.ListRule : collection.ViewRule;
        if (rule is null)
        {
            return null;
        }

        var compiled = _rules.GetValue(collection, static c => new CompiledRules(c));
        var evaluator = useList ? compiled.List : compiled.View;
        var allowed = rule.Length == 0
            || (evaluator is not null
                ? evaluator.Allows(record, await RequesterAsync(owner, cancellationToken))
                : await AskPocketBaseAsync(collection, useList, recordEvent, owner, cancellationToken));
        if (!allowed)
        {
            return null;
        }

        if ((topic.Expand is not null || topic.Fields is not null) && recordEvent.Action != "delete")
        {
            // The record as the subscription's query shapes it: only PocketBase can expand it.
            var shaped = await Records(grains).ViewAsync(
                collection.Name,
                recordEvent.RecordId,
                new RecordQuery { Expand = topic.Expand, Fields = topic.Fields },
                owner.PocketBaseToken,
                cancellationToken);
            return shaped is { IsSuccess: true } ? OneLine(shaped.Body) : null;
        }

        if (collection.Type == "auth" && JsonNode.Parse(recordEvent.Record) is JsonObject user)
        {
            if (HidesEmail(user, owner))
            {
                user.Remove("email");
                return user.ToJsonString();
            }

            if (!user.ContainsKey("email") && recordEvent.Action != "delete")
            {
                // PocketBase's own realtime hides a hidden address even from its admin; the owner sees it, so the
                // owner's copy is asked of PocketBase as the owner.
                var own = await Records(grains).ViewAsync(
                    collection.Name, recordEvent.RecordId, RecordQuery.Empty, owner.PocketBaseToken,
                    cancellationToken);
                return own.IsSuccess ? OneLine(own.Body) : recordEvent.Record;
            }
        }

        return recordEvent.Record;
    }

    /// <summary>
    /// A record PocketBase answered, as the one line an event's <c>data:</c> takes (Go ends its JSON with a line
    /// feed, which would end the field early).
    /// </summary>
    private static string OneLine(byte[] json) => System.Text.Encoding.UTF8.GetString(json).Trim();

    /// <summary>PocketBase shows an address only to its owner, or to all when <c>emailVisibility</c> is on.</summary>
    private static bool HidesEmail(JsonObject user, RealtimeOwner owner) =>
        !(user["emailVisibility"] is JsonValue visible && visible.TryGetValue(out bool shown) && shown)
        && !string.Equals((string?)user["id"], owner.UserId, StringComparison.Ordinal);

    private async ValueTask<Requester> RequesterAsync(RealtimeOwner owner, CancellationToken cancellationToken)
    {
        if (owner.IsGuest || owner.UserId is null || owner.CollectionId is null)
        {
            return Requester.Guest;
        }

        var auth = await directory.FindAsync(owner.CollectionId, cancellationToken);
        return new Requester(owner.UserId, owner.CollectionId, auth.Collection?.Name);
    }

    private async Task<bool> AskPocketBaseAsync(
        CollectionInfo collection,
        bool useList,
        RecordEvent recordEvent,
        RealtimeOwner owner,
        CancellationToken cancellationToken)
    {
        if (recordEvent.Action == "delete" || !RecordIds.IsValid(recordEvent.RecordId))
        {
            return false;
        }

        if (!useList)
        {
            var view = await Records(grains).ViewAsync(
                collection.Name, recordEvent.RecordId, new RecordQuery { Fields = "id" }, owner.PocketBaseToken,
                cancellationToken);
            return view.IsSuccess;
        }

        // The id has PocketBase's form (no quotes), so it is safe inside the filter's quotes.
        var list = await Records(grains).ListAsync(
            collection.Name,
            new RecordQuery { Filter = $"id='{recordEvent.RecordId}'", PerPage = "1", Fields = "id", SkipTotal = "1" },
            owner.PocketBaseToken,
            cancellationToken);
        if (!list.IsSuccess)
        {
            return false;
        }

        using var page = JsonDocument.Parse(list.Body);
        return page.RootElement.TryGetProperty("items", out var items) && items.GetArrayLength() > 0;
    }

    private static IRecordsGrain Records(IGrainFactory grains) => grains.GetGrain<IRecordsGrain>(0);

    /// <summary>A collection's list and view rules, compiled where Hapta can evaluate them.</summary>
    private sealed class CompiledRules(CollectionInfo collection)
    {
        public RecordRule? List { get; } = Compile(collection.ListRule, collection);

        public RecordRule? View { get; } = Compile(collection.ViewRule, collection);

        private static RecordRule? Compile(string? rule, CollectionInfo collection) =>
            string.IsNullOrEmpty(rule) ? null : RecordRule.TryCompile(rule, collection);
    }
}
