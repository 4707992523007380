using Orleans.Concurrency;

namespace Hapta.Sessions;

/// <summary>The live sessions of one user. Key: <c>collectionId/userId</c>. Persisted.</summary>
[Alias("Hapta.Sessions.IUserSessionsGrain")]
public interface IUserSessionsGrain : IGrainWithStringKey
{
    [Alias("AddAsync")]
    Task AddAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// One-way: an ending session calls this while <see cref="RevokeAllAsync"/> may be waiting on that very
    /// session; waiting for the answer would deadlock the two non-reentrant grains.
    /// </summary>
    [Alias("RemoveAsync"), OneWay]
    Task RemoveAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Revokes every session of the user (password reset, "log out everywhere"); returns how many.</summary>
    [Alias("RevokeAllAsync")]
    Task<int> RevokeAllAsync(string reason, CancellationToken cancellationToken);

    [Alias("CountAsync")]
    Task<int> CountAsync();

    /// <summary>The grain key of a user.</summary>
    static string KeyOf(string collectionId, string userId) => collectionId + "/" + userId;
}
