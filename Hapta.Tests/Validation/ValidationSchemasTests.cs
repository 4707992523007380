using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;

namespace Hapta.Validation.Tests;

/// <summary>
/// The checks appear in <c>/openapi.json</c> as schemas built from PocketBase's collections (issue #7).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ValidationSchemasTests(GatewayFixture fixture)
{
    [Fact]
    public async Task OpenApi_CreateSchemaOfACollection_CarriesItsFieldsLimits()
    {
        var schemas = await SchemasAsync();

        var create = schemas["specimens.create"]!;
        Assert.False((bool)create["additionalProperties"]!);
        Assert.Equal(["title"], create["required"]!.AsArray().Select(static n => (string)n!));
        var title = create["properties"]!["title"]!;
        Assert.Equal(3, (int)title["minLength"]!);
        Assert.Equal(40, (int)title["maxLength"]!);
        Assert.Equal("^[A-Za-z0-9 ]+$", (string?)title["pattern"]);
        var count = create["properties"]!["count"]!;
        Assert.Equal("integer", (string?)count["type"]);
        Assert.Equal(0, (int)count["minimum"]!);
        Assert.Equal(1000, (int)count["maximum"]!);
        var colors = create["properties"]!["color"]!["enum"]!.AsArray().Select(static n => (string)n!);
        Assert.Equal(["blue", "green", "red"], colors);
        var tags = create["properties"]!["tags"]!;
        Assert.Equal("array", (string?)tags["type"]);
        Assert.Equal(3, (int)tags["maxItems"]!);
        Assert.NotNull(create["properties"]!["tags+"]);
        Assert.NotNull(create["properties"]!["id"]);
    }

    [Fact]
    public async Task OpenApi_ConfiguredTightening_ShowsInTheSchema()
    {
        var schemas = await SchemasAsync();

        var update = schemas["specimens.update"]!;
        Assert.Equal(500, (int)update["properties"]!["body"]!["maxLength"]!);
        Assert.Null(update["properties"]!["moderated"]);
        Assert.Contains("Clients cannot set: moderated", (string?)update["description"], StringComparison.Ordinal);
        Assert.Null(update["required"]);
        Assert.Null(update["properties"]!["id"]);
    }

    [Fact]
    public async Task OpenApi_AuthCollection_PasswordRequiredOnCreate_HiddenCollectionAbsent()
    {
        var schemas = await SchemasAsync();

        var required = schemas["users.create"]!["required"]!.AsArray().Select(static n => (string)n!).ToList();
        Assert.Contains("password", required);
        Assert.Contains("passwordConfirm", required);
        Assert.NotNull(schemas["users.update"]!["properties"]!["oldPassword"]);
        Assert.Null(schemas["users.create"]!["properties"]!["verified"]);
        Assert.Null(schemas["backstage.create"]);
        Assert.NotNull(schemas["notes.create"]);
    }

    [Fact]
    public async Task OpenApi_ListQueryLimits_AndErrorCodes_AreDocumented()
    {
        var document = await DocumentAsync();

        var list = document["paths"]!["/api/collections/{collection}/records"]!["get"]!;
        var perPage = list["parameters"]!.AsArray().Single(static p => (string?)p!["name"] == "perPage")!;
        Assert.Equal(500, (int)perPage["schema"]!["maximum"]!);
        var codes = document["components"]!["schemas"]!["FieldErrorCode"]!["enum"]!.AsArray()
            .Select(static n => (string)n!).ToList();
        Assert.Contains("validation_required", codes);
        Assert.Contains("hapta_read_only", codes);
        var body = document["paths"]!["/api/collections/{collection}/records"]!["post"]!["requestBody"]!;
        Assert.Contains(
            body["content"]!["application/json"]!["schema"]!["oneOf"]!.AsArray(),
            static r => (string?)r!["$ref"] == "#/components/schemas/specimens.create");
    }

    private async Task<JsonObject> SchemasAsync() => (JsonObject)(await DocumentAsync())["components"]!["schemas"]!;

    private async Task<JsonNode> DocumentAsync()
    {
        var answer = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Get, "/openapi.json");
        Assert.Equal(200, answer.Status);
        return answer.Json!;
    }
}
