using System.ComponentModel.DataAnnotations;

namespace Hapta.Configuration;

/// <summary>
/// How silos find each other, bound from <c>Hapta:Cluster</c> (never from <c>Orleans</c>, which Orleans
/// reads itself). Without <see cref="Redis"/>, Hapta runs as one silo with in-memory grain state.
/// </summary>
public sealed class HaptaClusterOptions
{
    public const string SectionName = "Hapta:Cluster";

    /// <summary>
    /// StackExchange.Redis connection string, e.g. <c>127.0.0.1:6379</c>. When set, silos join through Redis
    /// membership and keep grain state in Redis; run Redis with append-only persistence, because a Redis
    /// restarted empty splits the cluster. Default: unset (single node).
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Name of this cluster; silos with the same id and Redis form one cluster. Default <c>hapta</c>.</summary>
    [Required(ErrorMessage = "Hapta:Cluster:ClusterId must not be empty.")]
    public string ClusterId { get; set; } = "hapta";

    /// <summary>Name of the service, part of every grain's storage key. Default <c>hapta</c>.</summary>
    [Required(ErrorMessage = "Hapta:Cluster:ServiceId must not be empty.")]
    public string ServiceId { get; set; } = "hapta";

    /// <summary>Port for silo-to-silo traffic. Default 11111.</summary>
    [Range(1, 65535, ErrorMessage = "Hapta:Cluster:SiloPort must be between 1 and 65535.")]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients. Default 30000.</summary>
    [Range(1, 65535, ErrorMessage = "Hapta:Cluster:GatewayPort must be between 1 and 65535.")]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Address other silos use to reach this one: an IP address, or a host name resolved at start-up
    /// (a container's service name). Default <c>127.0.0.1</c>.
    /// </summary>
    [Required(ErrorMessage = "Hapta:Cluster:AdvertisedAddress must not be empty.")]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Listen for silo traffic on every interface instead of only the advertised address. Default false.</summary>
    public bool ListenOnAnyAddress { get; set; }
}
