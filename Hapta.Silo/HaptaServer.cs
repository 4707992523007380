using Hapta.Caching;
using Hapta.Configuration;
using Hapta.Hosting;
using Hapta.PocketBase;
using Hapta.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hapta;

/// <summary>Builds the <c>hapta-server</c> application: an Orleans silo that co-hosts the HTTP surface.</summary>
internal static class HaptaServer
{
    /// <summary>Kestrel's limit on the request line that Hapta sets unless configuration names one.</summary>
    public const int MaxRequestLineSize = 64 * 1024;

    /// <summary>The builder with Hapta's configuration sources, before anything reads them.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Legacy names and .env sit above appsettings and below the environment and command line.
        ((IConfigurationBuilder)builder.Configuration).Add(new LegacySettings(Directory.GetCurrentDirectory()));
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        return builder;
    }

    /// <summary>
    /// Registers the silo, the PocketBase client and the HTTP surface. Reads settings while it registers, so
    /// call it only on a configuration that <see cref="StartupValidation"/> passed.
    /// </summary>
    public static WebApplicationBuilder AddHapta(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            var hosting = builder.Configuration.GetSection(HaptaApiOptions.SectionName).Get<HostingOptions>()
                ?? new HostingOptions();
            builder.WebHost.UseUrls($"http://{hosting.ListenAddress}:{hosting.Port}");
        }

        // Kestrel answers a request line over its limit (8 KB by default) with a bare 414 before Hapta sees it;
        // at 64 KB a long filter or id list reaches Hapta's checks and gets a field error instead.
        // Kestrel:Limits:MaxRequestLineSize in configuration still wins.
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            if (context.Configuration["Kestrel:Limits:MaxRequestLineSize"] is null)
            {
                kestrel.Limits.MaxRequestLineSize = MaxRequestLineSize;
            }
        });

        builder.Services.AddOptions<HostingOptions>()
            .Bind(builder.Configuration.GetSection(HaptaApiOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddPocketBaseClient(builder.Configuration);
        builder.Services.AddHaptaRateLimiting(builder.Configuration);
        builder.Services.AddHaptaApi(builder.Configuration);

        // Registered before the silo, so a PocketBase that refuses the admin login stops start-up first.
        builder.Services.AddHostedService<PocketBaseStartupCheck>();
        builder.AddHaptaSilo();

        // After the silo: hosted services stop in reverse order, so the cache's pollers, the change feed and the
        // realtime dispatcher stop calling grains before the silo shuts down.
        builder.Services.AddHaptaCaching(builder.Configuration);
        builder.Services.AddHostedService<Realtime.RealtimeDispatcher>();
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.UseHaptaApi();
        app.Lifetime.ApplicationStarted.Register(() => ReportReady(app));
        return app;
    }

    private static void ReportReady(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Hapta");
        var pocketBase = app.Services.GetRequiredService<IOptions<PocketBaseOptions>>().Value.Url;
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        logger.HostReady(pocketBase?.ToString() ?? "", addresses is null ? "" : string.Join(", ", addresses));
    }
}
