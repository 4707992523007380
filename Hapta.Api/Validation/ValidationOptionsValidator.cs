using Microsoft.Extensions.Options;

namespace Hapta.Validation;

/// <summary>
/// Checks the tightening rules at start-up, every problem at once: limits in order, patterns readable. Whether
/// the collections and fields exist is only known once PocketBase's schema is read; see <see cref="SchemaRules"/>.
/// </summary>
internal sealed class ValidationOptionsValidator : IValidateOptions<ValidationOptions>
{
    public ValidateOptionsResult Validate(string? name, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        foreach (var (collection, fields) in options.Collections)
        {
            foreach (var (field, rule) in fields)
            {
                var at = $"{ValidationOptions.SectionName}:Collections:{collection}:{field}";
                if (rule.MinLength < 0 || rule.MaxLength < 0)
                {
                    problems.Add($"{at}: MinLength and MaxLength cannot be negative.");
                }

                if (rule.MinLength > rule.MaxLength)
                {
                    problems.Add($"{at}: MinLength ({rule.MinLength}) is above MaxLength ({rule.MaxLength}).");
                }

                if (rule.Min > rule.Max)
                {
                    problems.Add($"{at}: Min ({rule.Min}) is above Max ({rule.Max}).");
                }

                if (rule.Min is { } min && !double.IsFinite(min) || rule.Max is { } max && !double.IsFinite(max))
                {
                    problems.Add($"{at}: Min and Max must be finite numbers.");
                }

                if (rule.MaxSelect < 1)
                {
                    problems.Add($"{at}: MaxSelect must be at least 1; use ReadOnly to keep clients out of a field.");
                }

                if (!string.IsNullOrEmpty(rule.Pattern) && Patterns.Problem(rule.Pattern) is { } problem)
                {
                    problems.Add($"{at}: Pattern cannot be used: {problem}");
                }
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
