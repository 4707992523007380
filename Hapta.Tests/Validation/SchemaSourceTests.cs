using Hapta.Tests.Infrastructure;

namespace Hapta.Validation.Tests;

/// <summary>
/// Where the checks come from (issue #7, point 1): PocketBase's schema read with the admin token and kept current,
/// tightened by configuration, with hidden collections left out.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SchemaSourceTests(GatewayFixture fixture)
{
    [Fact]
    public async Task HiddenCollection_404ThroughHapta_ThoughPocketBaseServesIt()
    {
        const string Path = "/api/collections/backstage/records";

        var (direct, gateway) = await Exchange.BothAsync(fixture, HttpMethod.Get, Path);
        var write = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Post, Path, json: """{"note":"x"}""");

        Assert.Equal(200, direct.Status);
        ErrorShape.AssertProblem(gateway, 404);
        ErrorShape.AssertProblem(write, 404);
    }

    [Fact]
    public async Task ConfiguredMaxLength_RefusedByHapta_ThoughPocketBaseWouldTakeIt()
    {
        var body = $$"""{"title":"long body","body":"{{new string('b', 501)}}"}""";

        var (direct, gateway) = await Exchange.BothAsync(
            fixture, HttpMethod.Post, "/api/collections/specimens/records", json: body);
        var fits = await Exchange.SendAsync(
            fixture.Gateway,
            HttpMethod.Post,
            "/api/collections/specimens/records",
            json: $$"""{"title":"short body","body":"{{new string('b', 500)}}"}""");

        Assert.Equal(200, direct.Status);
        ErrorShape.AssertProblem(gateway, 400);
        Assert.Equal("validation_max_text_constraint", (string?)gateway.Json!["data"]!["body"]!["code"]);
        Assert.Equal(200, fits.Status);
    }

    [Fact]
    public async Task ConfiguredReadOnlyField_Refused()
    {
        var answer = await Exchange.SendAsync(
            fixture.Gateway,
            HttpMethod.Post,
            "/api/collections/specimens/records",
            json: """{"title":"sneaky","moderated":true}""");

        ErrorShape.AssertProblem(answer, 400);
        Assert.Equal("hapta_read_only", (string?)answer.Json!["data"]!["moderated"]!["code"]);
    }

    [Fact]
    public async Task CollectionAndFieldAddedInPocketBase_UsableThroughHaptaAtOnce()
    {
        var admin = await fixture.PocketBase.CachedAdminTokenAsync();
        var name = SocialData.Unique("fresh_");
        var created = await Exchange.SendAsync(
            fixture.Direct,
            HttpMethod.Post,
            "/api/collections",
            admin,
            $$$"""
            {"name":"{{{name}}}","type":"base","listRule":"","viewRule":"","createRule":"","updateRule":"",
             "schema":[{"name":"first","type":"text","options":{}}]}
            """);
        Assert.Equal(200, created.Status);

        var firstWrite = await Exchange.SendAsync(
            fixture.Gateway, HttpMethod.Post, $"/api/collections/{name}/records", json: """{"first":"one"}""");
        var addField = await Exchange.SendAsync(
            fixture.Direct,
            HttpMethod.Patch,
            $"/api/collections/{name}",
            admin,
            """
            {"schema":[{"name":"first","type":"text","options":{}},
                       {"name":"second","type":"number","options":{"min":1,"max":9}}]}
            """);
        var secondWrite = await Exchange.SendAsync(
            fixture.Gateway,
            HttpMethod.Post,
            $"/api/collections/{name}/records",
            json: """{"first":"two","second":5}""");
        var outOfRange = await Exchange.SendAsync(
            fixture.Gateway,
            HttpMethod.Post,
            $"/api/collections/{name}/records",
            json: """{"first":"three","second":10}""");

        Assert.Equal(200, firstWrite.Status);
        Assert.Equal(200, addField.Status);
        Assert.Equal(200, secondWrite.Status);
        Assert.Equal(5, (int)secondWrite.Json!["second"]!);
        ErrorShape.AssertProblem(outOfRange, 400);
        Assert.Equal("validation_max_number_constraint", (string?)outOfRange.Json!["data"]!["second"]!["code"]);
    }
}
