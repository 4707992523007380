using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hapta.RateLimiting;

/// <summary>
/// Checks the named policies of <see cref="RateLimitOptions"/>, which DataAnnotations do not look into (the
/// top-level keys are theirs), and reports all problems at once, each under its configuration key.
/// </summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(nameof(options.User) + ":", options.User);
        Check(nameof(options.Global) + ":", options.Global);
        Check(nameof(options.Auth) + ":", options.Auth);
        Check(nameof(options.AuthIdentity) + ":", options.AuthIdentity);
        Check(nameof(options.Login) + ":", options.Login);
        Check(nameof(options.Write) + ":", options.Write);
        Check(nameof(options.Read) + ":", options.Read);
        Check(nameof(options.File) + ":", options.File);
        Check(nameof(options.Realtime) + ":", options.Realtime);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(string prefix, object policy)
        {
            var results = new List<ValidationResult>();
            var context = new ValidationContext(policy);
            if (!Validator.TryValidateObject(policy, context, results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r =>
                    $"{RateLimitOptions.SectionName}:{prefix}{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
            }
        }
    }
}
