using System.Net.Http.Headers;
using Hapta.PocketBase;
using Hapta.RateLimiting;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Hapta.Records;

[StatelessWorker]
internal sealed class RecordsGrain(IPocketBaseApi pocketBase, UpstreamAdmission admission, ILogger<RecordsGrain> logger)
    : Grain, IRecordsGrain
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public Task<UpstreamResponse> ListAsync(
        string collection,
        RecordQuery query,
        string? authorization,
        CancellationToken cancellationToken) =>
        UpstreamCall.SendAsync(
            admission,
            ct => pocketBase.ListRecordsAsync(collection, query, authorization, ct),
            "list records",
            logger,
            cancellationToken);

    public Task<UpstreamResponse> ViewAsync(
        string collection,
        string id,
        RecordQuery query,
        string? authorization,
        CancellationToken cancellationToken) =>
        UpstreamCall.SendAsync(
            admission,
            ct => pocketBase.ViewRecordAsync(collection, id, query, authorization, ct),
            "view record",
            logger,
            cancellationToken);

    public Task<UpstreamResponse> CreateAsync(
        string collection,
        byte[] json,
        RecordQuery query,
        string? authorization,
        CancellationToken cancellationToken) =>
        UpstreamCall.SendAsync(
            admission,
            ct => pocketBase.CreateRecordAsync(collection, JsonContent(json), query, authorization, ct),
            "create record",
            logger,
            cancellationToken);

    public Task<UpstreamResponse> UpdateAsync(
        string collection,
        string id,
        byte[] json,
        RecordQuery query,
        string? authorization,
        CancellationToken cancellationToken) =>
        UpstreamCall.SendAsync(
            admission,
            ct => pocketBase.UpdateRecordAsync(collection, id, JsonContent(json), query, authorization, ct),
            "update record",
            logger,
            cancellationToken);

    public Task<UpstreamResponse> DeleteAsync(
        string collection,
        string id,
        string? authorization,
        CancellationToken cancellationToken) =>
        UpstreamCall.SendAsync(
            admission,
            ct => pocketBase.DeleteRecordAsync(collection, id, authorization, ct),
            "delete record",
            logger,
            cancellationToken);

    private static ByteArrayContent JsonContent(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = Json;
        return content;
    }
}
