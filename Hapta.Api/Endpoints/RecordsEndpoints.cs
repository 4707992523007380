using Hapta.Caching;
using Hapta.Collections;
using Hapta.Errors;
using Hapta.Files;
using Hapta.PocketBase;
using Hapta.RateLimiting;
using Hapta.Records;
using Hapta.Sessions;
using Hapta.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hapta.Endpoints;

/// <summary>
/// PocketBase's records API (<c>/api/collections/{collection}/records</c>). Each handler first settles
/// what Hapta can know locally (the collection exists, the id has PocketBase's form, the body is a JSON
/// object, page numbers are numbers) and only then asks PocketBase, through the records grain.
/// </summary>
internal static class RecordsEndpoints
{
    public static RouteGroupBuilder MapRecordsEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/collections/{collection}/records").WithTags("Records");

        group.MapGet("", ListAsync)
            .WithName("ListRecords")
            .WithSummary("List records")
            .WithDescription("Same parameters and answer as PocketBase: page, perPage, sort, filter, expand, "
                + "fields, skipTotal.")
            .WithMetadata(new RateLimitedAs(RouteClass.Read));
        group.MapGet("/{id}", ViewAsync)
            .WithName("ViewRecord")
            .WithSummary("View one record")
            .WithMetadata(new RateLimitedAs(RouteClass.Read));
        group.MapPost("", CreateAsync)
            .WithName("CreateRecord")
            .WithSummary("Create a record from a JSON object or a form")
            .Accepts<Dictionary<string, object>>(
                "application/json", "multipart/form-data", "application/x-www-form-urlencoded")
            .WithMetadata(new RateLimitedAs(RouteClass.Write));
        group.MapPatch("/{id}", UpdateAsync)
            .WithName("UpdateRecord")
            .WithSummary("Update a record from a JSON object or a form")
            .Accepts<Dictionary<string, object>>(
                "application/json", "multipart/form-data", "application/x-www-form-urlencoded")
            .WithMetadata(new RateLimitedAs(RouteClass.Write));
        group.MapDelete("/{id}", DeleteAsync)
            .WithName("DeleteRecord")
            .WithSummary("Delete a record")
            .WithMetadata(new RateLimitedAs(RouteClass.Write));
        return group;
    }

    private static async Task<Results<PocketBaseResult, ApiError>> ListAsync(
        string collection,
        HttpContext context,
        [FromServices] CollectionDirectory directory,
        [FromServices] SessionGate gate,
        [FromServices] IGrainFactory grains,
        [FromServices] CachedReads cache,
        CancellationToken cancellationToken)
    {
        var lookup = await directory.FindAsync(collection, cancellationToken);
        if (Refuse(lookup, collection) is { } refusal)
        {
            return refusal;
        }

        var identity = await gate.ResolveAsync(context, cancellationToken);
        if (identity.Refusal is { } unauthorized)
        {
            return unauthorized;
        }

        var request = context.Request;

        var query = RecordQueryReader.ReadList(request.Query);
        if (await CheckQueryAsync(context, directory, lookup.Collection!, query) is { } invalid)
        {
            return invalid;
        }

        if (cache.Plan(lookup.Collection!, CacheOperation.List, null, query, identity) is { } plan)
        {
            return await cache.ReadAsync(plan, lookup.Collection!, identity, cancellationToken);
        }

        var answer = await Records(grains).ListAsync(
            lookup.Collection!.Name, query, identity.PocketBaseToken, cancellationToken);
        return answer.ToResult();
    }

    private static async Task<Results<PocketBaseResult, ApiError>> ViewAsync(
        string collection,
        string id,
        HttpContext context,
        [FromServices] CollectionDirectory directory,
        [FromServices] SessionGate gate,
        [FromServices] IGrainFactory grains,
        [FromServices] CachedReads cache,
        CancellationToken cancellationToken)
    {
        var lookup = await directory.FindAsync(collection, cancellationToken);
        if ((Refuse(lookup, collection) ?? RefuseId(id)) is { } refusal)
        {
            return refusal;
        }

        var identity = await gate.ResolveAsync(context, cancellationToken);
        if (identity.Refusal is { } unauthorized)
        {
            return unauthorized;
        }

        var query = RecordQueryReader.ReadShaping(context.Request.Query);
        if (await CheckQueryAsync(context, directory, lookup.Collection!, query) is { } invalid)
        {
            return invalid;
        }

        if (cache.Plan(lookup.Collection!, CacheOperation.View, id, query, identity) is { } plan)
        {
            return await cache.ReadAsync(plan, lookup.Collection!, identity, cancellationToken);
        }

        var answer = await Records(grains).ViewAsync(
            lookup.Collection!.Name, id, query, identity.PocketBaseToken, cancellationToken);
        return answer.ToResult();
    }

    private static async Task<Results<PocketBaseResult, ApiError>> CreateAsync(
        string collection,
        HttpContext context,
        [FromServices] CollectionDirectory directory,
        [FromServices] SessionGate gate,
        [FromServices] IGrainFactory grains,
        [FromServices] IOptions<HaptaApiOptions> options,
        [FromServices] CachedReads cache,
        [FromServices] UploadForwarder uploads,
        CancellationToken cancellationToken)
    {
        var lookup = await directory.FindAsync(collection, cancellationToken);
        if (Refuse(lookup, collection) is { } refusal)
        {
            return refusal;
        }

        var identity = await gate.ResolveAsync(context, cancellationToken);
        if (identity.Refusal is { } unauthorized)
        {
            return unauthorized;
        }

        var request = context.Request;

        var shaping = RecordQueryReader.ReadShaping(request.Query);
        if (await CheckQueryAsync(context, directory, lookup.Collection!, shaping) is { } badQuery)
        {
            return badQuery;
        }

        var (body, upload, invalid) = await ReadBodyAsync(
            request, lookup.Collection!, BodyOperation.Create, uploads, options.Value, cancellationToken);
        await using var spooled = upload;
        if ((invalid ?? await CheckBodyAsync(context, directory, lookup.Collection!, BodyOperation.Create, body!))
            is { } refused)
        {
            return refused;
        }

        var answer = upload is { Files.Count: > 0 }
            ? await uploads.SendAsync(
                lookup.Collection!.Name, null, upload, shaping, identity.PocketBaseToken, cancellationToken)
            : await Records(grains).CreateAsync(
                lookup.Collection!.Name, body!, shaping, identity.PocketBaseToken, cancellationToken);
        if (Changed(answer))
        {
            await cache.AnnounceWriteAsync(lookup.Collection, "create", null, body, answer);
        }

        return answer.ToResult();
    }

    private static async Task<Results<PocketBaseResult, ApiError>> UpdateAsync(
        string collection,
        string id,
        HttpContext context,
        [FromServices] CollectionDirectory directory,
        [FromServices] SessionGate gate,
        [FromServices] IGrainFactory grains,
        [FromServices] IOptions<HaptaApiOptions> options,
        [FromServices] CachedReads cache,
        [FromServices] UploadForwarder uploads,
        CancellationToken cancellationToken)
    {
        var lookup = await directory.FindAsync(collection, cancellationToken);
        if ((Refuse(lookup, collection) ?? RefuseId(id)) is { } refusal)
        {
            return refusal;
        }

        var identity = await gate.ResolveAsync(context, cancellationToken);
        if (identity.Refusal is { } unauthorized)
        {
            return unauthorized;
        }

        var request = context.Request;

        var shaping = RecordQueryReader.ReadShaping(request.Query);
        if (await CheckQueryAsync(context, directory, lookup.Collection!, shaping) is { } badQuery)
        {
            return badQuery;
        }

        var (body, upload, invalid) = await ReadBodyAsync(
            request, lookup.Collection!, BodyOperation.Update, uploads, options.Value, cancellationToken);
        await using var spooled = upload;
        if ((invalid ?? await CheckBodyAsync(context, directory, lookup.Collection!, BodyOperation.Update, body!))
            is { } refused)
        {
            return refused;
        }

        var answer = upload is { Files.Count: > 0 }
            ? await uploads.SendAsync(
                lookup.Collection!.Name, id, upload, shaping, identity.PocketBaseToken, cancellationToken)
            : await Records(grains).UpdateAsync(
                lookup.Collection!.Name, id, body!, shaping, identity.PocketBaseToken, cancellationToken);
        if (Changed(answer))
        {
            await cache.AnnounceWriteAsync(lookup.Collection, "update", id, body, answer);
        }

        return answer.ToResult();
    }

    private static async Task<Results<PocketBaseResult, ApiError>> DeleteAsync(
        string collection,
        string id,
        HttpContext context,
        [FromServices] CollectionDirectory directory,
        [FromServices] SessionGate gate,
        [FromServices] IGrainFactory grains,
        [FromServices] CachedReads cache,
        CancellationToken cancellationToken)
    {
        var lookup = await directory.FindAsync(collection, cancellationToken);
        if ((Refuse(lookup, collection) ?? RefuseId(id)) is { } refusal)
        {
            return refusal;
        }

        var identity = await gate.ResolveAsync(context, cancellationToken);
        if (identity.Refusal is { } unauthorized)
        {
            return unauthorized;
        }

        var answer = await Records(grains).DeleteAsync(
            lookup.Collection!.Name, id, identity.PocketBaseToken, cancellationToken);
        if (Changed(answer))
        {
            await cache.AnnounceWriteAsync(lookup.Collection, "delete", id, null, answer);
        }

        return answer.ToResult();
    }

    /// <summary>
    /// Whether a write may have changed data: PocketBase accepted it, or its fate is unknown (a timeout after the
    /// request went out). A refusal changed nothing.
    /// </summary>
    private static bool Changed(UpstreamResponse answer) =>
        answer.IsSuccess || answer.Outcome == UpstreamOutcome.TimedOut;

    private static ValueTask<ApiError?> CheckQueryAsync(
        HttpContext context,
        CollectionDirectory directory,
        CollectionInfo collection,
        RecordQuery query)
    {
        var validator = context.RequestServices.GetRequiredService<QueryValidator>();
        var problem = validator.Check(collection, query);
        if (problem is null)
        {
            return ValueTask.FromResult(problem);
        }

        return Logged(context, collection, "query", NamesUnknownField(problem)
            ? RecheckQueryAsync(directory, collection, problem, validator, query, context.RequestAborted)
            : ValueTask.FromResult<ApiError?>(problem));
    }

    /// <summary>
    /// A create's or update's body: JSON or a urlencoded form as JSON, or a multipart form read as it streams in,
    /// with its files spooled (the upload, which the caller disposes).
    /// </summary>
    private static async Task<(byte[]? Body, Upload? Upload, ApiError? Error)> ReadBodyAsync(
        HttpRequest request,
        CollectionInfo collection,
        BodyOperation operation,
        UploadForwarder uploads,
        HaptaApiOptions options,
        CancellationToken cancellationToken)
    {
        if (!UploadReader.IsMultipart(request.ContentType))
        {
            var (json, error) = await RecordBody.ReadAsync(request, options.MaxJsonBodyBytes, cancellationToken);
            return (json, null, error);
        }

        var read = await uploads.ReadAsync(request, collection, cancellationToken);
        return read.Error is { Data: not null } fieldError
            ? (null, null, fieldError.WithMessage(
                operation == BodyOperation.Create ? "Failed to create record." : "Failed to update record."))
            : read;
    }

    private static ValueTask<ApiError?> CheckBodyAsync(
        HttpContext context,
        CollectionDirectory directory,
        CollectionInfo collection,
        BodyOperation operation,
        byte[] body)
    {
        var validator = context.RequestServices.GetRequiredService<BodyValidator>();
        var problem = validator.Check(collection, operation, body);
        if (problem is null)
        {
            return ValueTask.FromResult(problem);
        }

        return Logged(context, collection, "body", NamesUnknownField(problem)
            ? RecheckBodyAsync(directory, collection, problem, validator, operation, body, context.RequestAborted)
            : ValueTask.FromResult<ApiError?>(problem));
    }

    private static async ValueTask<ApiError?> Logged(
        HttpContext context,
        CollectionInfo collection,
        string part,
        ValueTask<ApiError?> check)
    {
        if (await check is { } problem)
        {
            var logger = context.RequestServices.GetRequiredService<ILogger<BodyValidator>>();
            logger.Refused(collection.Name, part, problem);
            return problem;
        }

        return null;
    }

    private static bool NamesUnknownField(ApiError? problem) =>
        problem?.Data is { } data && data.Values.Any(static e => e.Code == ValidationCodes.UnknownField);

    private static async ValueTask<ApiError?> RecheckQueryAsync(
        CollectionDirectory directory,
        CollectionInfo collection,
        ApiError problem,
        QueryValidator validator,
        RecordQuery query,
        CancellationToken cancellationToken) =>
        await FreshAsync(directory, collection, cancellationToken) is { } current
            ? validator.Check(current, query)
            : problem;

    private static async ValueTask<ApiError?> RecheckBodyAsync(
        CollectionDirectory directory,
        CollectionInfo collection,
        ApiError problem,
        BodyValidator validator,
        BodyOperation operation,
        byte[] body,
        CancellationToken cancellationToken) =>
        await FreshAsync(directory, collection, cancellationToken) is { } current
            ? validator.Check(current, operation, body)
            : problem;

    /// <summary>
    /// A request named a field the collection lacks; the field may have been added in PocketBase a moment ago. The
    /// collection as a fresh read of the schema has it, if that differs from what was checked (see
    /// <see cref="CollectionDirectory.RecheckAsync"/>).
    /// </summary>
    private static async ValueTask<CollectionInfo?> FreshAsync(
        CollectionDirectory directory,
        CollectionInfo collection,
        CancellationToken cancellationToken)
    {
        var fresh = await directory.RecheckAsync(collection.Id, cancellationToken);
        return fresh.Collection is { } current && !ReferenceEquals(current, collection) ? current : null;
    }

    private static IRecordsGrain Records(IGrainFactory grains) => grains.GetGrain<IRecordsGrain>(0);

    internal static ApiError? Refuse(CollectionLookup lookup, string collection)
    {
        if (lookup.CatalogUnavailable)
        {
            return ApiError.Unavailable(
                "Hapta has not been able to read PocketBase's collections yet. Please retry shortly.",
                UpstreamResults.RetryAfterOutage);
        }

        return lookup.Collection is null
            ? ApiError.NotFound($"There is no collection named '{Printable(collection)}'.")
            : null;
    }

    /// <remarks>
    /// Routing decodes a path segment except for <c>%2F</c>, which stays as sent: it stands for a slash, which no
    /// record id holds.
    /// </remarks>
    internal static ApiError? RefuseId(string id) =>
        RecordIds.IsValid(id) && !id.Contains("%2F", StringComparison.OrdinalIgnoreCase)
            ? null
            : ApiError.NotFound(
                "Record ids are exactly 15 characters, without spaces or any of @ # $ & | . , ' \" \\ /.");

    private static string Printable(string value) =>
        value.Length <= 64 && value.All(static c => !char.IsControl(c)) ? value : "(unprintable)";
}
