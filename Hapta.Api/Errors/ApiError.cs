using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Builder;
using System.Reflection;

namespace Hapta.Errors;

/// <summary>
/// An error Hapta answers itself, in the shape of DESIGN §7. The <c>message</c> is PocketBase's wording
/// for the same situation where PocketBase has one, so SDKs behave as they do against PocketBase; the
/// <c>detail</c> says what exactly was wrong and what to do.
/// </summary>
public sealed class ApiError : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public const string NotFoundMessage = "The requested resource wasn't found.";
    public const string BadRequestMessage = "Something went wrong while processing your request.";
    public const string InvalidBodyMessage = "Failed to load the submitted data due to invalid formatting.";

    private ApiError(
        int status,
        string message,
        string? detail,
        IReadOnlyDictionary<string, FieldError>? data = null,
        TimeSpan? retryAfter = null)
    {
        StatusCode = status;
        Message = message;
        Detail = detail;
        Data = data;
        RetryAfter = retryAfter;
    }

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string Message { get; }

    public string? Detail { get; }

    public IReadOnlyDictionary<string, FieldError>? Data { get; }

    public TimeSpan? RetryAfter { get; }

    public static ApiError NotFound(string detail) => new(StatusCodes.Status404NotFound, NotFoundMessage, detail);

    public static ApiError BadRequest(
        string message,
        string detail,
        IReadOnlyDictionary<string, FieldError>? data = null) =>
        new(StatusCodes.Status400BadRequest, message, detail, data);

    public static ApiError Forbidden(string message, string detail) =>
        new(StatusCodes.Status403Forbidden, message, detail);

    public static ApiError PayloadTooLarge(long limit) => new(
        StatusCodes.Status413PayloadTooLarge,
        "The request body is too large.",
        $"Request bodies on this route are limited to {limit} bytes.");

    public static ApiError UnsupportedMediaType(string detail) =>
        new(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type.", detail);

    /// <summary>PocketBase cannot serve now; the client should retry after <paramref name="retryAfter"/>.</summary>
    public static ApiError Unavailable(string detail, TimeSpan retryAfter) => new(
        StatusCodes.Status503ServiceUnavailable,
        "The service is temporarily unavailable. Please try again later.",
        detail,
        retryAfter: retryAfter);

    /// <summary>A limit is reached; <paramref name="message"/> is <c>Hapta:RateLimit:Message</c>.</summary>
    public static ApiError TooManyRequests(string message, string detail, TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, message, detail, retryAfter: retryAfter);

    /// <summary>An error for a bare status code, e.g. a 405 from routing.</summary>
    public static ApiError ForStatus(int status, string? detail = null) => new(
        status,
        status switch
        {
            StatusCodes.Status404NotFound => "Not Found.",
            StatusCodes.Status405MethodNotAllowed => "Method Not Allowed.",
            StatusCodes.Status500InternalServerError => BadRequestMessage,
            _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) + ".",
        },
        detail);

    /// <summary>The same error with PocketBase's wording for it in <c>message</c>.</summary>
    public ApiError WithMessage(string message) => new(StatusCode, message, Detail, Data, RetryAfter);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        ProblemJson.Prepare(response, StatusCode, RetryAfter);
        await using var writer = new Utf8JsonWriter(response.Body, ProblemJson.WriterOptions);
        writer.WriteStartObject();
        ProblemJson.WriteHead(writer, StatusCode, Detail);
        writer.WriteNumber("code", StatusCode);
        writer.WriteString("message", Message);
        ProblemJson.WriteFieldErrors(writer, Data);
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var status in new[] { 400, 403, 404, 413, 415, 429, 503 })
        {
            builder.Metadata.Add(
                new ProducesResponseTypeMetadata(status, typeof(ErrorBody), [ProblemJson.ContentType]));
        }
    }

    /// <summary>The documented shape of every error body (for OpenAPI).</summary>
    public sealed record ErrorBody(
        string Type,
        string Title,
        int Status,
        string? Detail,
        int Code,
        string Message,
        IReadOnlyDictionary<string, FieldError> Data);
}
