namespace Hapta.PocketBase;

/// <summary>
/// Hapta's own PocketBase admin login. The token it yields is for Hapta's needs only (schema, change
/// feed); it is never attached to a request made on behalf of a client.
/// </summary>
public interface IPocketBaseAdminSession
{
    /// <summary>A valid admin token, logging in or renewing first when needed.</summary>
    /// <exception cref="PocketBaseLoginException">PocketBase refused the configured credentials.</exception>
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>Forgets <paramref name="token"/> after PocketBase rejected it, so the next call logs in again.</summary>
    void Reject(string token);
}
