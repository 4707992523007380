namespace Hapta.Sessions;

/// <summary>Why a session did or did not accept a token.</summary>
[GenerateSerializer, Alias("Hapta.Sessions.SessionStatus")]
public enum SessionStatus
{
    Valid = 0,

    /// <summary>No such session: never started, revoked, or expired and removed.</summary>
    Unknown = 1,

    /// <summary>Idle timeout or absolute lifetime reached.</summary>
    Expired = 2,

    /// <summary>A retired generation outside the grace window, or a generation the session never issued.</summary>
    Stale = 3,

    /// <summary>The session is bound to another client IP.</summary>
    WrongClient = 4,

    /// <summary>A retired token was presented to <c>auth-refresh</c>: the session was revoked.</summary>
    Reused = 5,

    /// <summary>PocketBase refused the user's token (user deleted, password changed): the session ended.</summary>
    EndedByPocketBase = 6,
}
