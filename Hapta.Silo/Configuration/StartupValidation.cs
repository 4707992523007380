using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Hapta.Collections;
using Hapta.PocketBase;
using Hapta.RateLimiting;
using Hapta.Sessions;
using Microsoft.Extensions.Configuration;

namespace Hapta.Configuration;

/// <summary>
/// Checks every settings section before anything starts and returns all problems at once, each saying
/// what to set, so that a bad deploy stops with one complete report instead of one problem per restart.
/// Values are bound one by one, so a value that cannot be converted is reported beside every other problem
/// rather than hiding them. The options' own <c>ValidateOnStart</c> registrations stay as a second guard.
/// </summary>
internal static class StartupValidation
{
    /// <param name="configuration">The whole configuration.</param>
    /// <param name="isDevelopment">In Development a missing token secret is allowed (a random one is used).</param>
    public static IReadOnlyList<string> Validate(IConfiguration configuration, bool isDevelopment = false)
    {
        var problems = new List<string>();
        var pocketBase = Check<PocketBaseOptions>(configuration, PocketBaseOptions.SectionName, problems);
        var api = Check<HaptaApiOptions>(configuration, HaptaApiOptions.SectionName, problems);
        foreach (var proxy in api.TrustedProxies.Where(static p => !ForwardedClients.IsValid(p)))
        {
            problems.Add($"Hapta:TrustedProxies: '{proxy}' is neither an IP address (10.0.0.5) nor a network in CIDR "
                + "form (10.0.0.0/8).");
        }

        Check<HostingOptions>(configuration, HaptaApiOptions.SectionName, problems);
        Check<CatalogOptions>(configuration, CatalogOptions.SectionName, problems);
        Check<HaptaClusterOptions>(configuration, HaptaClusterOptions.SectionName, problems);
        var validation = Check<Validation.ValidationOptions>(
            configuration, Validation.ValidationOptions.SectionName, problems);
        problems.AddRange(new Validation.ValidationOptionsValidator().Validate(null, validation).Failures ?? []);
        var rateLimits = Check<RateLimitOptions>(configuration, RateLimitOptions.SectionName, problems);
        problems.AddRange(new RateLimitOptionsValidator().Validate(null, rateLimits).Failures ?? []);
        var sessions = Check<HaptaSessionOptions>(configuration, HaptaSessionOptions.SectionName, problems);
        if (SecretProblem(sessions.Secret, isDevelopment) is { } secretProblem)
        {
            problems.Add(secretProblem);
        }

        if (pocketBase.Url is { } url && !(url.IsAbsoluteUri && url.Scheme is "http" or "https"))
        {
            problems.Add("Hapta:PocketBase:Url (env DB_URL) must be an absolute http:// or https:// URL, "
                + "e.g. http://127.0.0.1:8090.");
        }

        if (pocketBase.AttemptTimeout > pocketBase.Timeout)
        {
            problems.Add("Hapta:PocketBase:AttemptTimeout must not exceed Hapta:PocketBase:Timeout.");
        }

        return problems;
    }

    /// <summary>
    /// The token secret must be long and not a placeholder: anyone who knows it can mint tokens for any user.
    /// </summary>
    private static string? SecretProblem(string? secret, bool isDevelopment)
    {
        const string Fix = " Generate one with: openssl rand -base64 48";
        if (string.IsNullOrEmpty(secret))
        {
            return isDevelopment
                ? null
                : "Hapta:Sessions:Secret (env HAPTA_SECRET) is required: the key that signs Hapta's tokens, the same "
                    + "on every silo, at least 32 bytes." + Fix;
        }

        if (System.Text.Encoding.UTF8.GetByteCount(secret) < 32)
        {
            return "Hapta:Sessions:Secret (env HAPTA_SECRET) must be at least 32 bytes." + Fix;
        }

        var weak = secret.Distinct().Count() < 10
            || secret.Contains("secret", StringComparison.OrdinalIgnoreCase)
            || secret.Contains("changeme", StringComparison.OrdinalIgnoreCase)
            || secret.Contains("password", StringComparison.OrdinalIgnoreCase);
        return weak
            ? "Hapta:Sessions:Secret (env HAPTA_SECRET) looks like a placeholder, not a random key." + Fix
            : null;
    }

    private static T Check<T>(IConfiguration configuration, string sectionName, List<string> problems)
        where T : class, new()
    {
        var options = new T();
        var section = configuration.GetSection(sectionName);
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var child = section.GetSection(property.Name);
            if (!property.CanWrite || !child.Exists())
            {
                continue;
            }

            try
            {
                // A nested policy (Hapta:RateLimit:User) is bound into its default, so that setting only its Max
                // keeps the default Duration, as the options binder does.
                if (child.Value is null && property.GetValue(options) is { } nested
                    && IsNestedObject(property.PropertyType))
                {
                    child.Bind(nested);
                }
                else
                {
                    property.SetValue(options, child.Get(property.PropertyType));
                }
            }
            catch (InvalidOperationException)
            {
                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                problems.Add($"{sectionName}:{property.Name}: '{child.Value}' is not a valid {Describe(type)}.");
            }
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        problems.AddRange(results.Select(static r => r.ErrorMessage ?? "invalid setting"));
        return options;
    }

    private static bool IsNestedObject(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && !type.IsArray
        && !type.IsAssignableTo(typeof(System.Collections.IEnumerable));

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(TimeSpan) => "duration (hh:mm:ss)",
        _ when type == typeof(Uri) => "URL",
        _ when type == typeof(bool) => "boolean (true or false)",
        _ when type == typeof(int) || type == typeof(long) => "whole number",
        _ => type.Name,
    };
}
