using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;

namespace Hapta.Realtime.Tests;

/// <summary>
/// The official PocketBase JavaScript SDK (npm <c>pocketbase@0.21.5</c> on Node, with <c>eventsource</c>) pointed at
/// Hapta (issue #9, point 5): <c>subscribe()</c> hears of a create, an update and a delete and nothing after
/// <c>unsubscribe()</c>; <c>authWithOAuth2()</c> completes the all-in-one flow, its URL callback following the mock
/// provider's redirect to Hapta's <c>/api/oauth2-redirect</c>.
/// </summary>
[Collection(OAuth2Collection.Name)]
public sealed class JsSdkTests(OAuth2Fixture fixture)
{
    [Fact]
    public async Task Subscribe_CreateUpdateDelete_ThenUnsubscribe_NothingMore()
    {
        var result = await RunAsync("realtime");

        var events = result["events"]!.AsArray();
        Assert.Equal(["create", "update", "delete"], events.Select(static e => (string)e!["action"]!));
        Assert.All(events, e => Assert.Equal((string?)result["id"], (string?)e!["id"]));
        Assert.Equal("Edited by the SDK", (string?)events[1]!["title"]);
    }

    [Fact]
    public async Task AuthWithOAuth2_AllInOneFlow_HaptaSession()
    {
        var result = await RunAsync("oauth2");

        Assert.Equal(fixture.Email, (string?)result["email"]);
        Assert.True((bool)result["valid"]!, "the SDK's authStore holds no valid token");
        Assert.True((bool)result["sid"]!, "the token is not one of Hapta's sessions");
    }

    [Fact]
    public async Task OAuth2Redirect_UnknownState_FailurePage()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
        {
            BaseAddress = fixture.Hapta.Http.BaseAddress,
        };

        using var response = await browser.GetAsync($"/api/oauth2-redirect?code=c&state={new string('z', 40)}");

        Assert.Equal(307, (int)response.StatusCode);
        Assert.Equal("/hapta/oauth2/failure", response.Headers.Location?.ToString());
    }

    private async Task<JsonObject> RunAsync(string flow)
    {
        var directory = await NodePackages.EnsureAsync().Within("npm packages", TimeSpan.FromMinutes(4));
        var script = Path.Combine(directory, "sdk-flows.mjs");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "js", "sdk-flows.mjs"), script, true);
        await using var node = ChildProcess.Start(
            "node", [script, fixture.Hapta.Http.BaseAddress!.ToString().TrimEnd('/'), flow], directory);
        await node.WaitForExitAsync().Within($"the SDK's {flow} flow", TimeSpan.FromSeconds(60));
        var line = node.Output.Split('\n')
            .FirstOrDefault(static l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        return line is not null && JsonNode.Parse(line["RESULT ".Length..]) is JsonObject result
            ? result
            : throw new InvalidOperationException($"the SDK's {flow} flow failed:\n{node.Output}");
    }
}
