using Hapta.PocketBase;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hapta.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the read cache of a silo: its options, this silo's data versions and budget, the poller that keeps
    /// the versions current, and the change feed (which runs on one silo of the cluster at a time).
    /// </summary>
    public static IServiceCollection AddHaptaCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CacheOptions>()
            .Bind(configuration.GetSection(CacheOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(
                static o => o.CollectionTtl.Values.All(static t => t > TimeSpan.Zero),
                "Hapta:Cache:CollectionTtl values must be positive durations such as 00:01:00.")
            .Validate(
                static o => o.MaxEntryBytes <= o.MaxBytes,
                "Hapta:Cache:MaxEntryBytes must not exceed Hapta:Cache:MaxBytes.")
            .ValidateOnStart();
        services.AddSingleton<CacheVersions>();
        services.AddSingleton<CacheBudget>();
        services.AddHostedService<CacheVersionsListener>();
        services.AddHostedService<ChangeFeed>();

        // The feed is one long-lived stream: no resilience pipeline (its timeouts would cut it), no client timeout.
        services.AddHttpClient(ChangeFeed.HttpClientName, static (sp, client) =>
        {
            client.BaseAddress = sp.GetRequiredService<IOptions<PocketBaseOptions>>().Value.Url;
            client.Timeout = Timeout.InfiniteTimeSpan;
        });
        return services;
    }
}
