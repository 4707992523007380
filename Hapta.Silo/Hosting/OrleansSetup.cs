using System.Net;
using System.Net.Sockets;
using Hapta.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Hapta.Hosting;

/// <summary>
/// The silo side of a <c>hapta-server</c>: one silo with in-memory state by default, or a member of a Redis
/// cluster with Redis grain state. Same binary, configuration only (DESIGN §2).
/// </summary>
internal static class OrleansSetup
{
    public static IHostApplicationBuilder AddHaptaSilo(this IHostApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(HaptaClusterOptions.SectionName).Get<HaptaClusterOptions>()
            ?? new HaptaClusterOptions();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });

            if (string.IsNullOrWhiteSpace(cluster.Redis))
            {
                silo.UseLocalhostClustering(
                    cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                silo.AddMemoryGrainStorageAsDefault();
                return;
            }

            var redis = ConfigurationOptions.Parse(cluster.Redis);
            silo.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
            silo.AddRedisGrainStorageAsDefault(o => o.ConfigurationOptions = redis.Clone());
            silo.ConfigureEndpoints(
                Resolve(cluster.AdvertisedAddress),
                cluster.SiloPort,
                cluster.GatewayPort,
                listenOnAnyHostAddress: cluster.ListenOnAnyAddress);

            // Orleans' defaults take about a minute to declare a hung silo dead (its connection-liveness
            // window is MaxProbeTimeout × NumMissedProbesLimit); measured on these machines, these settings
            // bring a killed silo down to about 1 s and a hung one to about 6 s.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.MaxProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15));
        });
        return builder;
    }

    private static IPAddress Resolve(string address)
    {
        if (IPAddress.TryParse(address, out var ip))
        {
            return ip;
        }

        return Dns.GetHostAddresses(address).FirstOrDefault(static a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? throw new InvalidOperationException(
                $"Hapta:Cluster:AdvertisedAddress '{address}' does not resolve to an IPv4 address.");
    }
}
