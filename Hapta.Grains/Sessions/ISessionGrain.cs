using Hapta.PocketBase;

namespace Hapta.Sessions;

/// <summary>
/// One login of one user. Key: the session id, 128 random bits in base64url; it is not a secret by itself
/// (a token also needs Hapta's signature), because the Orleans runtime writes grain ids into its logs.
/// </summary>
[Alias("Hapta.Sessions.ISessionGrain")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Starts the session at generation 1; persisted before it returns.</summary>
    [Alias("StartAsync")]
    Task<SessionTicket> StartAsync(SessionStart start, CancellationToken cancellationToken);

    /// <summary>Whether a token of <paramref name="generation"/> may be used for an ordinary request now.</summary>
    [Alias("AuthorizeAsync")]
    Task<SessionCheck> AuthorizeAsync(long generation, string? clientIp, CancellationToken cancellationToken);

    /// <summary>
    /// <c>auth-refresh</c>: moves the session to the next generation (persisted before it returns), or treats a
    /// retired generation as reuse and revokes the session (RFC 9700 §4.14.2).
    /// </summary>
    [Alias("RotateAsync")]
    Task<RotationResult> RotateAsync(
        long generation,
        RecordQuery query,
        string? clientIp,
        CancellationToken cancellationToken);

    /// <summary>The session as an operator may see it, and where it lives.</summary>
    [Alias("DescribeAsync")]
    Task<SessionView> DescribeAsync();

    /// <summary>Ends the session; its tokens stop working at once.</summary>
    [Alias("RevokeAsync")]
    Task RevokeAsync(string reason, CancellationToken cancellationToken);
}
