using System.Text.Json;
using Hapta.Errors;
using Hapta.Files;
using Hapta.PocketBase;
using Hapta.RateLimiting;
using Hapta.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hapta.Endpoints;

/// <summary>PocketBase's file routes (issue #8): downloads streamed through Hapta, and file tokens.</summary>
internal static class FilesEndpoints
{
    public static IEndpointRouteBuilder MapFiles(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/api/files/{collection}/{recordId}/{fileName}", ["GET", "HEAD"], DownloadAsync)
            .WithTags("Files")
            .WithName("DownloadFile")
            .WithSummary("Download a file, a range of it, or a thumb; streamed")
            .WithMetadata(new RateLimitedAs(RouteClass.Read));
        routes.MapPost("/api/files/token", TokenAsync)
            .WithTags("Files")
            .WithName("FileToken")
            .WithSummary("A short-lived token for the protected files the user may view")
            .WithMetadata(new RateLimitedAs(RouteClass.Read));
        return routes;
    }

    private static Task<IResult> DownloadAsync(
        string collection,
        string recordId,
        string fileName,
        HttpContext context,
        [FromServices] FileDownloads downloads,
        CancellationToken cancellationToken) =>
        downloads.ServeAsync(context, collection, recordId, fileName, cancellationToken);

    private static async Task<IResult> TokenAsync(
        HttpContext context,
        [FromServices] SessionGate gate,
        [FromServices] IPocketBaseFiles files,
        [FromServices] FileTokens tokens,
        [FromServices] IOptions<FilesOptions> options,
        [FromServices] ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var identity = await gate.ResolveAsync(context, cancellationToken);
        if (identity.Refusal is { } refusal)
        {
            return refusal;
        }

        if (identity.PocketBaseToken is not { } pocketBaseToken)
        {
            return ApiError.BadRequest(
                "Failed to generate file token.",
                "Only a logged-in user gets a file token: send Authorization with the token of a Hapta login.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.TransferTimeout);
        var answer = await UpstreamCall.SendAsync(
            _ => files.FileTokenAsync(pocketBaseToken, timeout.Token),
            "file token",
            loggers.CreateLogger(typeof(FilesEndpoints)),
            cancellationToken);
        if (!answer.IsSuccess || FileToken(answer.Body) is not { } fileToken)
        {
            return answer.IsSuccess
                ? ApiError.BadRequest("Failed to generate file token.", "PocketBase's answer held no token.")
                : answer.ToResult().Result;
        }

        return TypedResults.Json(new FileTokenAnswer(tokens.Seal(fileToken)));
    }

    private static string? FileToken(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("token", out var token)
                && token.ValueKind == JsonValueKind.String
                    ? token.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
