using System.ComponentModel.DataAnnotations;
using Hapta.Collections;
using Hapta.PocketBase;
using Microsoft.Extensions.Configuration;

namespace Hapta.Configuration;

/// <summary>
/// Checks every settings section before anything starts and returns all problems at once, each saying
/// what to set, so that a bad deploy stops with one complete report instead of one problem per restart.
/// The options' own <c>ValidateOnStart</c> registrations stay as a second guard.
/// </summary>
internal static class StartupValidation
{
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        var problems = new List<string>();
        Check<PocketBaseOptions>(configuration, PocketBaseOptions.SectionName, problems);
        Check<HaptaApiOptions>(configuration, HaptaApiOptions.SectionName, problems);
        Check<HostingOptions>(configuration, HaptaApiOptions.SectionName, problems);
        Check<CatalogOptions>(configuration, CatalogOptions.SectionName, problems);
        Check<HaptaClusterOptions>(configuration, HaptaClusterOptions.SectionName, problems);

        var pocketBase = TryBind<PocketBaseOptions>(configuration, PocketBaseOptions.SectionName);
        if (pocketBase?.Url is { } url && !(url.IsAbsoluteUri && url.Scheme is "http" or "https"))
        {
            problems.Add("Hapta:PocketBase:Url (env DB_URL) must be an absolute http:// or https:// URL, "
                + "e.g. http://127.0.0.1:8090.");
        }

        if (pocketBase is not null && pocketBase.AttemptTimeout > pocketBase.Timeout)
        {
            problems.Add("Hapta:PocketBase:AttemptTimeout must not exceed Hapta:PocketBase:Timeout.");
        }

        return problems;
    }

    private static void Check<T>(IConfiguration configuration, string section, List<string> problems)
        where T : class, new()
    {
        T options;
        try
        {
            options = configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the value it could not convert.
            problems.Add($"{section}: {ex.Message}");
            return;
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        problems.AddRange(results.Select(static r => r.ErrorMessage ?? "invalid setting"));
    }

    private static T? TryBind<T>(IConfiguration configuration, string section)
        where T : class
    {
        try
        {
            return configuration.GetSection(section).Get<T>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
