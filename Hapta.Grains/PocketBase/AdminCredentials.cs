namespace Hapta.PocketBase;

/// <summary>Body of PocketBase's admin <c>auth-with-password</c>.</summary>
public sealed record AdminCredentials(string Identity, string Password)
{
    // The password must never reach a log through a record's generated ToString.
    public override string ToString() => $"AdminCredentials {{ Identity = {Identity} }}";
}
