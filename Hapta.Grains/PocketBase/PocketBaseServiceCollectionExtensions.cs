using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace Hapta.PocketBase;

public static class PocketBaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Refit client of PocketBase behind a resilience pipeline and Hapta's admin session.
    /// The pipeline, outermost first: a total time budget; retries with jittered backoff for idempotent
    /// methods only (a retried POST could create a record twice); a circuit breaker so that a PocketBase
    /// in trouble is not hammered; a per-attempt time budget.
    /// </summary>
    public static IServiceCollection AddPocketBaseClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PocketBaseOptions>()
            .Bind(configuration.GetSection(PocketBaseOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(
                static o => o.Url is null || (o.Url.IsAbsoluteUri && o.Url.Scheme is "http" or "https"),
                "Hapta:PocketBase:Url (env DB_URL) must be an absolute http:// or https:// URL.")
            .Validate(
                static o => o.AttemptTimeout <= o.Timeout,
                "Hapta:PocketBase:AttemptTimeout must not exceed Hapta:PocketBase:Timeout.")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);

        services.AddRefitGeneratedClient<IPocketBaseApi>()
            .ConfigureHttpClient(static (sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<PocketBaseOptions>>().Value;
                client.BaseAddress = options.Url;

                // The resilience pipeline owns time budgets; HttpClient's own timeout would cut across it.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
                AllowAutoRedirect = false,
            })
            .AddResilienceHandler("pocketbase", static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<PocketBaseOptions>>().Value;
                pipeline.AddTimeout(options.Timeout);
                if (options.MaxRetries > 0)
                {
                    var retry = new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        Delay = TimeSpan.FromMilliseconds(50),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    };
                    retry.DisableForUnsafeHttpMethods();
                    pipeline.AddRetry(retry);
                }

                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 10,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(5),
                });
                pipeline.AddTimeout(options.AttemptTimeout);
            });

        // Files: streamed bodies cannot be retried, and transfers are bounded by the caller, not a fixed budget.
        services.AddRefitGeneratedClient<IPocketBaseFiles>()
            .ConfigureHttpClient(static (sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<IOptions<PocketBaseOptions>>().Value.Url;
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
                AllowAutoRedirect = false,
            });

        services.AddSingleton<PocketBaseAdminSession>();
        services.AddSingleton<IPocketBaseAdminSession>(static sp => sp.GetRequiredService<PocketBaseAdminSession>());
        return services;
    }
}
