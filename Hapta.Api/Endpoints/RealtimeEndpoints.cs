using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Hapta.Collections;
using Hapta.Errors;
using Hapta.RateLimiting;
using Hapta.Realtime;
using Hapta.Records;
using Hapta.Sessions;
using Hapta.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hapta.Endpoints;

/// <summary>
/// PocketBase's realtime API through Hapta (issue #9): <c>GET /api/realtime</c> opens a server-sent-events stream
/// held by this silo, <c>POST /api/realtime</c> sets a client's subscriptions from any silo.
/// </summary>
internal static class RealtimeEndpoints
{
    private const string UnknownClientMessage = "Missing or invalid client id.";
    private const string OtherOwnerMessage = "The current and the previous request authorization don't match.";

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/realtime", ConnectAsync)
            .WithTags("Realtime")
            .WithName("RealtimeConnect")
            .WithSummary("Open a stream of server-sent events; the first, PB_CONNECT, names the client id")
            .WithMetadata(new RateLimitedAs(RouteClass.Read));
        routes.MapPost("/api/realtime", SubscribeAsync)
            .WithTags("Realtime")
            .WithName("RealtimeSubscribe")
            .WithSummary("Set a client's subscriptions (collection/*, collection/RECORD_ID, with ?options=)")
            .Accepts<Dictionary<string, object>>("application/json")
            .WithMetadata(new RateLimitedAs(RouteClass.Read));
        return routes;
    }

    private static async Task ConnectAsync(
        HttpContext context,
        [FromServices] RealtimeHub hub,
        [FromServices] IOptions<RealtimeOptions> options,
        [FromServices] IHostApplicationLifetime lifetime)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        // A stream ends when its client leaves or the server stops (its SDK then reconnects elsewhere).
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, lifetime.ApplicationStopping);
        var aborted = ending.Token;
        var client = await hub.ConnectAsync();
        try
        {
            await WriteAsync(response, RealtimeHub.ConnectFrame(client.Id), aborted);
            var reader = client.Outbox.Reader;
            while (!aborted.IsCancellationRequested)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                beat.CancelAfter(options.Value.Heartbeat);
                bool more;
                try
                {
                    more = await reader.WaitToReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    await WriteAsync(response, ": heartbeat\n\n", aborted);
                    continue;
                }

                if (!more)
                {
                    return; // too slow: the stream ends, and the SDK reconnects
                }

                while (reader.TryRead(out var frame))
                {
                    await response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame), aborted);
                }

                await response.Body.FlushAsync(aborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            await hub.DisconnectAsync(client);
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static async Task<IResult> SubscribeAsync(
        HttpContext context,
        [FromServices] SessionGate gate,
        [FromServices] CollectionDirectory directory,
        [FromServices] IGrainFactory grains,
        [FromServices] IOptions<RealtimeOptions> options,
        [FromServices] IOptions<HaptaApiOptions> apiOptions,
        CancellationToken cancellationToken)
    {
        var (body, invalid) = await JsonBody.ReadAsync(
            context.Request, apiOptions.Value.MaxJsonBodyBytes, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var (clientId, topics, problem) = await ReadAsync(body!, directory, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var identity = await gate.ResolveAsync(context, cancellationToken);
        if (identity.Refusal is { } refusal)
        {
            return refusal;
        }

        var owner = identity.Claims is { } claims
            ? new RealtimeOwner
            {
                SessionId = claims.SessionId,
                UserId = claims.UserId,
                CollectionId = claims.CollectionId,
                PocketBaseToken = identity.PocketBaseToken,
            }
            : RealtimeOwner.Guest;
        return await grains.GetGrain<ISubscriptionGrain>(clientId!).SubscribeAsync(owner, topics) switch
        {
            SubscribeOutcome.Done => TypedResults.NoContent(),
            SubscribeOutcome.Forbidden => ApiError.Forbidden(
                OtherOwnerMessage,
                "Another session set this client's subscriptions; open a stream of your own with GET /api/realtime."),
            _ => ApiError.NotFound("No open realtime stream has this client id; connect with GET /api/realtime.")
                .WithMessage(UnknownClientMessage),
        };
    }

    /// <summary>The client id and the topics of the body, or the problem with them.</summary>
    private static async Task<(string? ClientId, ImmutableArray<string> Topics, ApiError? Problem)> ReadAsync(
        byte[] body,
        CollectionDirectory directory,
        RealtimeOptions options,
        CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("clientId", out var id) || id.ValueKind != JsonValueKind.String
            || id.GetString() is not { Length: > 0 and <= 100 } clientId || clientId.Any(char.IsControl))
        {
            return (null, [], Field("clientId", ValidationCodes.Required, "The client id from PB_CONNECT."));
        }

        var topics = ImmutableArray.CreateBuilder<string>();
        if (root.TryGetProperty("subscriptions", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > options.MaxSubscriptions)
            {
                return (null, [], Field("subscriptions", ValidationCodes.InvalidValue,
                    $"A list of at most {options.MaxSubscriptions} topics."));
            }

            foreach (var item in list.EnumerateArray())
            {
                var problem = item.ValueKind == JsonValueKind.String
                    ? await TopicProblemAsync(item.GetString()!, directory, cancellationToken)
                    : "Each topic is a text.";
                if (problem is not null)
                {
                    return (null, [], Field("subscriptions", ValidationCodes.InvalidValue, problem));
                }

                topics.Add(item.GetString()!);
            }
        }

        return (clientId, topics.ToImmutable(), null);
    }

    private static async ValueTask<string?> TopicProblemAsync(
        string raw,
        CollectionDirectory directory,
        CancellationToken cancellationToken)
    {
        if (raw == "@oauth2")
        {
            return null;
        }

        var (topic, problem) = RealtimeTopic.Parse(raw);
        if (topic is null)
        {
            return problem;
        }

        var lookup = await directory.FindAsync(topic.Collection, cancellationToken);
        if (lookup.Collection is null)
        {
            return $"There is no collection named '{(topic.Collection.Length <= 64 ? topic.Collection : "…")}'.";
        }

        return topic.RecordId is null || RecordIds.IsValid(topic.RecordId)
            ? null
            : "Record ids are exactly 15 characters, without spaces or any of @ # $ & | . , ' \" \\ /.";
    }

    private static ApiError Field(string name, string code, string message) => ApiError.BadRequest(
        ApiError.BadRequestMessage,
        "The subscription request is malformed: see data.",
        new Dictionary<string, FieldError>(StringComparer.Ordinal) { [name] = new FieldError(code, message) });
}
