using System.Diagnostics;
using Hapta.Hosting.Tests;
using Hapta.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hapta.Caching.Rules.Tests;

/// <summary>
/// <see cref="RecordRule.Allows"/> against a real PocketBase 0.22.20: each rule is set as the view rule of a
/// collection of the test's own, and for every record and requester PocketBase's answer to a view (200 or 404)
/// must equal ours on the admin's JSON of the record. A mismatch is a leak or a wrong denial, so each is listed.
/// </summary>
public sealed class RecordRuleDifferentialTests(PocketBaseOnlyFixture fixture, ITestOutputHelper output)
    : IClassFixture<PocketBaseOnlyFixture>
{
    private const double MinimumShare = 0.2;

    [Theory]
    [InlineData(20260101)]
    [InlineData(7)]
    [InlineData(1009)]
    public async Task Allows_GeneratedRules_AgreesWithPocketBase(int seed)
    {
        const int Rules = 40;
        var random = new Random(seed);
        var lab = await RuleLab.CreateAsync(fixture.PocketBase, random);
        var generator = new RuleGenerator(random, lab);

        var rules = Enumerable.Range(0, Rules).Select(_ => generator.Next()).ToArray();

        await AssertAgreesAsync(lab, rules, $"seed {seed}");
    }

    [Fact]
    public async Task Allows_EdgeRules_AgreesWithPocketBase()
    {
        var lab = await RuleLab.CreateAsync(fixture.PocketBase, new Random(1));
        string[] rules =
        [
            "owner = @request.auth.id",
            "owner != @request.auth.id && peer != @request.auth.id",
            "t1 = @request.auth.id || peer = @request.auth.id || t2 = @request.auth.id",
            "@request.auth.id = ''",
            "@request.auth.id = null",
            "@request.auth.id != ''",
            "@request.auth.id >= ''",
            "@request.auth.id < 'zzzzzzzzzzzzzzzz'",
            "owner < @request.auth.id",
            "@request.auth.id <= @request.auth.id",
            "@request.auth.id = @request.auth.collectionId",
            "@request.auth.collectionName = 'users'",
            $"@request.auth.collectionId = '{lab.MembersId}' || @request.auth.collectionName != \"{lab.MembersName}\"",
            "t1 > 'ｚ'",
            "t1 < '😀' && t1 > 'é'",
            "t1 = null",
            "t1 != null && t2 = ''",
            "n1 = null",
            "n1 != null",
            "flag = null",
            "day = null",
            "null = null",
            "null != ''",
            "null < null",
            "t1 >= null",
            "flag = true",
            "flag2 != FALSE",
            "flag > false",
            "flag = flag2",
            "day >= '2024-01-01'",
            "day < '2024-01-01 12:00:00.000Z' && day2 > \"2023\"",
            "created < updated",
            "day < day2",
            "created = updated",
            "n1 = 2.5 || n2 >= 10",
            "n1 = -0.5 || n2 = -1",
            "n1 = 1000000.0",
            "n1 < n2",
            "n1 = n2",
            "t1 = t2",
            "t1 < t2",
            "choice = 'a'",
            "choice > 'a'",
            "mail != ''",
            "link = null",
            "'a' = 'a'",
            "'' = null",
            "1 = 1.0",
            "true = TRUE",
            "2 < 10",
            "'2' < '10'",
            "t1 = '10' || t1 < '9'",
        ];

        await AssertAgreesAsync(lab, rules, "edge rules");
    }

    private async Task AssertAgreesAsync(RuleLab lab, string[] rules, string origin)
    {
        var clock = Stopwatch.StartNew();
        var cases = new List<RuleCase>();

        foreach (var rule in rules)
        {
            var compiled = RecordRule.TryCompile(rule, lab.Collection);
            Assert.True(compiled is not null, $"{origin}: the rule is in the subset but did not compile: {rule}");
            cases.AddRange(await lab.JudgeAsync(rule, compiled));
        }

        var mismatches = cases.Where(c => c.PocketBase != c.Hapta).ToList();
        var allowed = cases.Count(c => c.PocketBase);
        output.WriteLine(
            $"{origin}: {rules.Length} rules, {cases.Count} cases, PocketBase allowed {allowed} and denied "
            + $"{cases.Count - allowed}, {mismatches.Count} mismatches, {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(
            mismatches.Count == 0,
            $"{origin}: {mismatches.Count} of {cases.Count} decisions differ from PocketBase; the first ones:\n"
            + string.Join("\n", mismatches.Take(12)));
        Assert.True(cases.Count >= 1000, $"{origin}: only {cases.Count} cases");
        Assert.True(
            allowed >= MinimumShare * cases.Count && cases.Count - allowed >= MinimumShare * cases.Count,
            $"{origin}: one-sided outcomes, {allowed} allowed of {cases.Count}; the test would pass vacuously");
    }
}
