using System.ComponentModel.DataAnnotations;

namespace Hapta;

/// <summary>Settings of Hapta's HTTP surface, bound from the <c>Hapta</c> section.</summary>
public sealed class HaptaApiOptions
{
    public const string SectionName = "Hapta";

    /// <summary>
    /// Key for the admin API under <c>/hapta/admin</c>, sent as <c>Authorization: Bearer &lt;key&gt;</c> or
    /// <c>X-Hapta-Admin-Key</c>. At least 32 characters. Unset (the default) disables the admin API.
    /// Environment: <c>HAPTA_ADMIN_KEY</c>.
    /// </summary>
    [MinLength(32, ErrorMessage = "Hapta:AdminKey (env HAPTA_ADMIN_KEY) must be at least 32 characters; "
        + "generate one with: openssl rand -base64 32")]
    public string? AdminKey { get; set; }

    /// <summary>Largest JSON body accepted on record create and update, in bytes. Default 1 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024, ErrorMessage = "Hapta:MaxJsonBodyBytes must be between 1 KiB and 64 MiB.")]
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Origins allowed by CORS. Default <c>["*"]</c>, as PocketBase's own default; list your app's origins
    /// to narrow it.
    /// </summary>
    public string[] CorsOrigins { get; set; } = ["*"];

    /// <summary>
    /// Reverse proxies and load balancers whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> Hapta
    /// believes, as addresses (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/8</c>). The client's address is the
    /// last one in <c>X-Forwarded-For</c> that was not added by a listed proxy. Default none: the client is the
    /// TCP peer and forwarded headers are ignored, because anyone can send them.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];
}
