using Hapta.Admin;
using Hapta.Collections;
using Hapta.Endpoints;
using Hapta.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hapta;

/// <summary>Registers and maps Hapta's HTTP surface. The host (a silo) supplies <see cref="IGrainFactory"/>.</summary>
public static class HaptaApi
{
    public static IServiceCollection AddHaptaApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HaptaApiOptions>()
            .Bind(configuration.GetSection(HaptaApiOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(
                static o => o.CorsOrigins.All(static x => x == "*" || Uri.TryCreate(x, UriKind.Absolute, out _)),
                "Hapta:CorsOrigins must list absolute origins such as https://app.example.com, or '*'.")
            .Validate(
                static o => o.TrustedProxies.All(ForwardedClients.IsValid),
                "Hapta:TrustedProxies must list IP addresses (10.0.0.5) or networks in CIDR form (10.0.0.0/8).")
            .ValidateOnStart();
        services.AddOptions<CatalogOptions>()
            .Bind(configuration.GetSection(CatalogOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<Sessions.HaptaSessionOptions>()
            .Bind(configuration.GetSection(Sessions.HaptaSessionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<Validation.ValidationOptions>()
            .Bind(configuration.GetSection(Validation.ValidationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Validation.ValidationOptions>,
            Validation.ValidationOptionsValidator>();
        services.AddSingleton<Validation.QueryValidator>();
        services.AddSingleton<Validation.SchemaRules>();
        services.AddSingleton<Validation.BodyValidator>();
        services.AddSingleton<Sessions.HaptaTokens>();
        services.AddSingleton<Sessions.SessionGate>();
        services.AddSingleton<CollectionDirectory>();
        services.AddSingleton<Caching.CachedReads>();
        services.AddSingleton<Caching.LocalCopies>();
        services.AddSingleton<AdminKeyFilter>();
        services.AddSingleton<RateLimiting.EdgeLimits>();
        services.AddOptions<Files.FilesOptions>()
            .Bind(configuration.GetSection(Files.FilesOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<Files.FileTokens>();
        services.AddSingleton<Files.FileCache>();
        services.AddSingleton<Files.FileDownloads>();
        services.AddSingleton<Files.UploadForwarder>();
        services.AddOptions<Realtime.RealtimeOptions>()
            .Bind(configuration.GetSection(Realtime.RealtimeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<Realtime.RealtimeAccess>();
        services.AddSingleton<Realtime.RealtimeHub>();
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(static swagger =>
        {
            swagger.SwaggerDoc(OpenApiDocumentName, new Microsoft.OpenApi.OpenApiInfo
            {
                Title = "Hapta",
                Version = "v1",
                Description = "PocketBase's API through Hapta: the same routes and answers, with Hapta's sessions, "
                    + "rate limits, validation and caching.",
            });
            swagger.CustomSchemaIds(static type => type.FullName!.Replace("Hapta.", "", StringComparison.Ordinal)
                .Replace('+', '.'));
            swagger.DocumentFilter<Validation.ValidationSchemas>();
        });
        ForwardedClients.Configure(services);
        services.AddExceptionHandler<HaptaExceptionHandler>();
        services.AddCors(static cors => cors.AddDefaultPolicy(static policy => policy
            .AllowAnyHeader()
            .AllowAnyMethod()
            .WithExposedHeaders(
                "Retry-After",
                "ETag",
                PocketBase.PocketBaseResult.CacheHeader,
                RateLimiting.RateLimitHeaders.Policy,
                RateLimiting.RateLimitHeaders.Limit)));
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<HaptaApiOptions>>(static (cors, hapta) =>
            {
                var origins = hapta.Value.CorsOrigins;
                var policy = cors.GetPolicy(cors.DefaultPolicyName)!;
                if (origins.Contains("*"))
                {
                    policy.Origins.Add("*");
                }
                else
                {
                    foreach (var origin in origins)
                    {
                        policy.Origins.Add(origin.TrimEnd('/'));
                    }
                }
            });
        return services;
    }

    /// <summary>The OpenAPI document's name, which makes its address <c>/openapi.json</c>.</summary>
    public const string OpenApiDocumentName = "openapi";

    /// <summary>Adds the middleware and every endpoint; call once, on the application.</summary>
    public static WebApplication UseHaptaApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Step 1 of a request (DESIGN §3): the client's address, from forwarded headers of trusted proxies only.
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HaptaApiOptions>>();
        if (ForwardedClients.AnyConfigured(options.Value.TrustedProxies))
        {
            app.UseForwardedHeaders();
        }

        // HaptaExceptionHandler answers every exception; this delegate is only the middleware's required default.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = static context => ApiError.ForStatus(StatusCodes.Status500InternalServerError)
                .ExecuteAsync(context),
        });
        app.UseStatusCodePages(static context =>
        {
            var response = context.HttpContext.Response;
            var detail = response.StatusCode switch
            {
                StatusCodes.Status405MethodNotAllowed => $"This route accepts {response.Headers.Allow}.",
                StatusCodes.Status404NotFound =>
                    "No route of Hapta matches this method and address; /openapi.json lists the routes it serves.",
                StatusCodes.Status415UnsupportedMediaType =>
                    "This route does not take a body of that Content-Type: send JSON (application/json), or a form "
                        + "where the route takes one; /openapi.json lists what each route takes.",
                _ => null,
            };
            return ApiError.ForStatus(response.StatusCode, detail).ExecuteAsync(context.HttpContext);
        });
        app.Use(static (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "SAMEORIGIN";
            return next(context);
        });
        app.UseCors();
        app.UseMiddleware<RateLimiting.RateLimitMiddleware>();

        app.UseSwagger(static swagger => swagger.RouteTemplate = "{documentName}.json");

        app.MapHealthEndpoints();
        app.MapRecordsEndpoints();
        app.MapAuthEndpoints();
        app.MapFiles();
        app.MapRealtime();
        app.MapOAuth2Redirect();
        app.MapClosedDoors();
        app.MapAdminEndpoints();
        return app;
    }
}
