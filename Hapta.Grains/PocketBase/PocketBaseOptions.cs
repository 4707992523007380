using System.ComponentModel.DataAnnotations;

namespace Hapta.PocketBase;

/// <summary>
/// How Hapta reaches the one PocketBase server it protects. Bound from <c>Hapta:PocketBase</c>; the
/// original Hapta's names <c>DB_URL</c>, <c>ADMIN_EMAIL</c> and <c>ADMIN_PASSWORD</c> map onto it.
/// </summary>
public sealed class PocketBaseOptions
{
    public const string SectionName = "Hapta:PocketBase";

    /// <summary>Base URL of PocketBase, e.g. <c>http://127.0.0.1:8090</c>. Required; no default.</summary>
    [Required(ErrorMessage = "Hapta:PocketBase:Url (env DB_URL) is required: the base URL of PocketBase, "
        + "e.g. http://127.0.0.1:8090.")]
    public Uri? Url { get; set; }

    /// <summary>E-mail of a PocketBase admin, used only for Hapta's own needs. Required; no default.</summary>
    [Required(ErrorMessage = "Hapta:PocketBase:AdminEmail (env ADMIN_EMAIL) is required: the e-mail of a "
        + "PocketBase admin account.")]
    public string? AdminEmail { get; set; }

    /// <summary>Password of that admin. Required; no default. Never logged.</summary>
    [Required(ErrorMessage = "Hapta:PocketBase:AdminPassword (env ADMIN_PASSWORD) is required: the password "
        + "of that PocketBase admin account.")]
    public string? AdminPassword { get; set; }

    /// <summary>Time budget of one call to PocketBase, retries included. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00",
        ErrorMessage = "Hapta:PocketBase:Timeout must be between 100 ms and 5 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time budget of a single attempt. Default 3 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00",
        ErrorMessage = "Hapta:PocketBase:AttemptTimeout must be between 50 ms and 5 minutes.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Retries of an idempotent request (GET, HEAD) after a transient failure. Default 2.</summary>
    [Range(0, 10, ErrorMessage = "Hapta:PocketBase:MaxRetries must be between 0 and 10.")]
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// The admin token is renewed once less than this much of its lifetime remains. PocketBase 0.22
    /// issues admin tokens for 14 days. Default 1 day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00",
        ErrorMessage = "Hapta:PocketBase:AdminTokenRenewBefore must be between 1 minute and 30 days.")]
    public TimeSpan AdminTokenRenewBefore { get; set; } = TimeSpan.FromDays(1);
}
