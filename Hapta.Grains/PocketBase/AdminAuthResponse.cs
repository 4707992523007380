namespace Hapta.PocketBase;

/// <summary>What PocketBase answers to an admin login or refresh; only the token matters to Hapta.</summary>
public sealed record AdminAuthResponse
{
    public string? Token { get; init; }

    public override string ToString() => "AdminAuthResponse { Token = *** }";
}
