namespace Hapta.Validation.Tests;

public sealed class ValidationOptionsValidatorTests
{
    [Fact]
    public void Validate_SensibleRules_Succeed()
    {
        var options = With(
            new FieldTightening { MinLength = 1, MaxLength = 10, Min = 0, Max = 5, Pattern = "^[a-z]+$" });

        Assert.True(new ValidationOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_EveryProblem_ReportedAtOnceWithItsPlace()
    {
        var options = With(new FieldTightening
        {
            MinLength = 10,
            MaxLength = 5,
            Min = 3,
            Max = 1,
            MaxSelect = 0,
            Pattern = "(unclosed",
        });

        var result = new ValidationOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(4, failures.Count);
        Assert.All(failures, static f => Assert.StartsWith(
            "Hapta:Validation:Collections:posts:content: ", f, StringComparison.Ordinal));
        Assert.Contains(
            failures, static f => f.Contains("MinLength (10) is above MaxLength (5)", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.Contains("Min (3) is above Max (1)", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.Contains("MaxSelect must be at least 1", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.Contains("Pattern cannot be used", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PatternNeedingBacktracking_Refused()
    {
        var options = With(new FieldTightening { Pattern = @"^(\w+)\1$" });

        var result = new ValidationOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
    }

    private static ValidationOptions With(FieldTightening rule)
    {
        var options = new ValidationOptions();
        options.Collections["posts"] = new Dictionary<string, FieldTightening> { ["content"] = rule };
        return options;
    }
}
