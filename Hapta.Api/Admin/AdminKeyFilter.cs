using System.Security.Cryptography;
using System.Text;
using Hapta.Diagnostics;
using Hapta.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hapta.Admin;

/// <summary>
/// Lets a request into <c>/hapta/admin</c> only with the configured admin key. Both sides are hashed to a
/// fixed length before <see cref="CryptographicOperations.FixedTimeEquals"/>, so neither the key's content
/// nor its length leaks through timing. With no key configured the admin API does not exist (404).
/// </summary>
internal sealed partial class AdminKeyFilter : IEndpointFilter
{
    private const string HeaderName = "X-Hapta-Admin-Key";

    private readonly byte[]? _keyHash;
    private readonly ILogger<AdminKeyFilter> _logger;

    public AdminKeyFilter(IOptions<HaptaApiOptions> options, ILogger<AdminKeyFilter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = options.Value.AdminKey;
        _keyHash = string.IsNullOrEmpty(key) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(key));
        _logger = logger;
    }

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (_keyHash is null)
        {
            return ValueTask.FromResult<object?>(ApiError.ForStatus(
                StatusCodes.Status404NotFound, "The admin API is disabled: set Hapta:AdminKey (env HAPTA_ADMIN_KEY)."));
        }

        var presented = Presented(context.HttpContext.Request);
        if (presented is null
            || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _keyHash))
        {
            LogRejected(_logger, context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return ValueTask.FromResult<object?>(ApiError.ForStatus(
                StatusCodes.Status401Unauthorized,
                "Send the admin key as 'Authorization: Bearer <key>' or in the X-Hapta-Admin-Key header."));
        }

        return next(context);
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && header.Count == 1)
        {
            return header[0];
        }

        var authorization = request.Headers.Authorization;
        return authorization.Count == 1 && authorization[0] is { } value
            && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? value["Bearer ".Length..].Trim()
                : null;
    }

    [LoggerMessage(EventIds.AdminKeyRejected, LogLevel.Warning, "Rejected an admin API request from {RemoteIp}")]
    private static partial void LogRejected(ILogger logger, string remoteIp);
}
