using Hapta.Errors;

namespace Hapta.Sessions;

/// <summary>
/// Who a request acts as upstream: a guest (no token), a user (their PocketBase token, from the session), or
/// nobody, because the token was refused (<see cref="Refusal"/>).
/// </summary>
public readonly record struct Identity(string? PocketBaseToken, TokenClaims? Claims, ApiError? Refusal)
{
    public static readonly Identity Guest = new(null, null, null);
}
