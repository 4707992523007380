using System.ComponentModel.DataAnnotations;

namespace Hapta.Configuration;

/// <summary>Where Hapta listens for HTTP, bound from the <c>Hapta</c> section.</summary>
public sealed class HostingOptions
{
    /// <summary>HTTP port. Default 3599. Ignored when ASP.NET Core's own <c>urls</c> setting is given.</summary>
    [Range(1, 65535, ErrorMessage = "Hapta:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 3599;

    /// <summary>
    /// Address to listen on. Default <c>127.0.0.1</c> (this machine only); <c>0.0.0.0</c> listens on every
    /// interface, as in a container behind a load balancer.
    /// </summary>
    [Required(ErrorMessage = "Hapta:ListenAddress must not be empty.")]
    [RegularExpression(@"^[0-9A-Za-z.:\[\]*+-]+$", ErrorMessage = "Hapta:ListenAddress must be an IP address or host name.")]
    public string ListenAddress { get; set; } = "127.0.0.1";
}
