using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hapta.RateLimiting;

public static class RateLimitingServiceCollectionExtensions
{
    /// <summary>
    /// Registers rate limiting: the options (the original Hapta's top-level <c>ratelimit</c> section, then
    /// <c>Hapta:RateLimit</c> over it), the policies, this silo's leases and the global limit on PocketBase calls.
    /// </summary>
    public static IServiceCollection AddHaptaRateLimiting(
        this IServiceCollection services,
        IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.LegacySectionName))
            .Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton<RatePolicies>();
        services.AddSingleton<PermitLeases>();
        services.AddSingleton<UpstreamAdmission>();
        return services;
    }
}
