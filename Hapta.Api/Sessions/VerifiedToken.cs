namespace Hapta.Sessions;

/// <summary>A request feature: the bearer token already verified at admission, so it is not verified twice.</summary>
internal sealed record VerifiedToken(string Token, TokenClaims Claims);
