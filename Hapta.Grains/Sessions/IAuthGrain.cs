using Hapta.PocketBase;

namespace Hapta.Sessions;

/// <summary>
/// PocketBase's auth endpoints seen from Hapta: logins become sessions, and a confirmed password reset ends
/// every session of that user. A stateless worker on every silo. Key: always 0.
/// </summary>
[Alias("Hapta.Sessions.IAuthGrain")]
public interface IAuthGrain : IGrainWithIntegerKey
{
    /// <summary><c>auth-with-password</c>; <paramref name="json"/> is the client's body, passed on unchanged.</summary>
    [Alias("LoginWithPasswordAsync")]
    Task<LoginResult> LoginWithPasswordAsync(
        string collection,
        byte[] json,
        RecordQuery query,
        string? clientIp,
        CancellationToken cancellationToken);

    /// <summary>
    /// <c>auth-with-oauth2</c> with the code the provider gave; <paramref name="json"/> is the client's body, passed
    /// on unchanged. Like a password login it starts a session.
    /// </summary>
    [Alias("LoginWithOAuth2Async")]
    Task<LoginResult> LoginWithOAuth2Async(
        string collection,
        byte[] json,
        RecordQuery query,
        string? clientIp,
        CancellationToken cancellationToken);

    [Alias("AuthMethodsAsync")]
    Task<UpstreamResponse> AuthMethodsAsync(string collection, CancellationToken cancellationToken);

    /// <summary>
    /// A token-less action (verification, password reset); after a successful <c>confirm-password-reset</c>
    /// every session of the user is revoked before this returns.
    /// </summary>
    [Alias("ActionAsync")]
    Task<UpstreamResponse> ActionAsync(
        string collection,
        string action,
        byte[] json,
        CancellationToken cancellationToken);
}
