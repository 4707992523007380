using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hapta.PocketBase;

/// <summary>
/// Logs in as admin on first use, renews the token when it nears expiry (PocketBase 0.22 admin
/// tokens last 14 days and stay valid after a refresh), and logs in again after a rejection.
/// One renewal at a time: concurrent callers wait for the same login instead of each starting one.
/// </summary>
internal sealed class PocketBaseAdminSession : IPocketBaseAdminSession, IDisposable
{
    private readonly IPocketBaseApi _api;
    private readonly PocketBaseOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PocketBaseAdminSession> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile AdminToken? _current;

    public PocketBaseAdminSession(
        IPocketBaseApi api,
        IOptions<PocketBaseOptions> options,
        TimeProvider time,
        ILogger<PocketBaseAdminSession> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && !NeedsRenewal(current))
        {
            return ValueTask.FromResult(current.Value);
        }

        return new ValueTask<string>(RenewAsync(cancellationToken));
    }

    public void Reject(string token)
    {
        var current = _current;
        if (current is not null && current.Value == token)
        {
            _logger.AdminTokenRejected();
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    public void Dispose() => _gate.Dispose();

    private bool NeedsRenewal(AdminToken token) =>
        token.ExpiresAt - _time.GetUtcNow() < _options.AdminTokenRenewBefore;

    private async Task<string> RenewAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _current;
            if (current is not null && !NeedsRenewal(current))
            {
                return current.Value;
            }

            var renewed = current is not null && current.ExpiresAt > _time.GetUtcNow()
                ? await TryRefreshAsync(current, cancellationToken).ConfigureAwait(false)
                : null;
            renewed ??= await LoginAsync(cancellationToken).ConfigureAwait(false);
            _current = renewed;
            return renewed.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<AdminToken?> TryRefreshAsync(AdminToken current, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _api.AdminAuthRefreshAsync(current.Value, cancellationToken)
                .ConfigureAwait(false);
            if (response.IsSuccessful && response.Content?.Token is { Length: > 0 } token)
            {
                var refreshed = AdminToken.Parse(token);
                _logger.AdminTokenRefreshed(refreshed.ExpiresAt);
                return refreshed;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or Refit.ApiException
            or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            // Fall through to a full login, which reports the failure if PocketBase is truly gone.
        }

        return null;
    }

    private async Task<AdminToken> LoginAsync(CancellationToken cancellationToken)
    {
        var baseUrl = _options.Url?.ToString() ?? "(not set)";
        Refit.IApiResponse<AdminAuthResponse> response;
        try
        {
            response = await _api.AdminAuthWithPasswordAsync(
                new AdminCredentials(_options.AdminEmail ?? "", _options.AdminPassword ?? ""),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (UpstreamCall.Classify(ex, cancellationToken) is not null)
        {
            throw Unreachable(baseUrl, ex);
        }

        // With an IApiResponse, Refit reports a transport failure as a response without a status.
        if (response.StatusCode is null)
        {
            using (response)
            {
                throw Unreachable(baseUrl, response.Error);
            }
        }

        using (response)
        {
            if (response.IsSuccessful && response.Content?.Token is { Length: > 0 } token)
            {
                var login = AdminToken.Parse(token);
                _logger.AdminLoggedIn(baseUrl, login.ExpiresAt);
                return login;
            }

            var status = response.StatusCode ?? 0;
            _logger.AdminLoginFailed(baseUrl, (int)status, null);
            throw new PocketBaseLoginException(status switch
            {
                HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized =>
                    $"PocketBase at {baseUrl} refused the admin login for '{_options.AdminEmail}'. Check "
                    + "Hapta:PocketBase:AdminEmail / AdminPassword (env ADMIN_EMAIL / ADMIN_PASSWORD): they must "
                    + "name an existing PocketBase admin (not a users record).",
                HttpStatusCode.NotFound =>
                    $"{baseUrl} answered 404 to PocketBase's admin login. Is it PocketBase 0.22? "
                    + "Check Hapta:PocketBase:Url (env DB_URL).",
                _ => $"PocketBase at {baseUrl} answered {(int)status} to the admin login. "
                    + "Check its log, then restart Hapta.",
            });
        }
    }

    private PocketBaseLoginException Unreachable(string baseUrl, Exception? cause)
    {
        _logger.AdminLoginFailed(baseUrl, 0, cause);
        var reason = cause?.GetBaseException().Message ?? "no answer";
        return new PocketBaseLoginException(
            $"PocketBase at {baseUrl} could not be reached to log in as admin ({reason}). "
            + "Check that PocketBase is running and that Hapta:PocketBase:Url (env DB_URL) points at it.",
            cause ?? new HttpRequestException(reason));
    }

    /// <summary>A token with the expiry read from its own <c>exp</c> claim.</summary>
    private sealed record AdminToken(string Value, DateTimeOffset ExpiresAt)
    {
        public static AdminToken Parse(string jwt)
        {
            // Hapta cannot verify PocketBase's signature (the secret stays inside PocketBase); it only
            // reads exp to know when to renew. PocketBase itself rejects a bad token.
            var parts = jwt.Split('.');
            if (parts.Length == 3 && Base64Url.IsValid(parts[1]))
            {
                using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
                if (claims.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds))
                {
                    return new AdminToken(jwt, DateTimeOffset.FromUnixTimeSeconds(seconds));
                }
            }

            throw new PocketBaseLoginException("PocketBase returned an admin token Hapta cannot read. Is it PocketBase 0.22?");
        }

        public override string ToString() => $"AdminToken {{ ExpiresAt = {ExpiresAt:O} }}";
    }
}
