using Hapta.Tests.Infrastructure;

namespace Hapta.Files.Tests;

/// <summary>
/// Protected files through Hapta (issue #8): <c>POST /api/files/token</c> hands out Hapta's own file token, never
/// PocketBase's, and the protected field "secret" of a private record is served only with its owner's file token.
/// PocketBase applies the record's view rule to protected files, so the records here are private: a public one's
/// protected file is served to anyone, token or not.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ProtectedFileTests(GatewayFixture fixture)
{
    private const string TokenPath = "/api/files/token";

    [Fact]
    public async Task Token_WithHaptaSession_HaptasOwnTokenThatPocketBaseRefuses()
    {
        var (owner, path, _) = await CreateSecretAsync();

        var answer = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Post, TokenPath, owner.HaptaToken);

        Assert.True(answer.Status == 200, $"file token through Hapta: {answer}");
        var token = (string?)answer.Json?["token"];
        Assert.False(string.IsNullOrEmpty(token), $"no token: {answer}");
        var direct = await FileResponse.SendAsync(fixture.Direct, $"{path}?token={Uri.EscapeDataString(token)}");
        Assert.True(
            direct.Status is 403 or 404, $"PocketBase took Hapta's file token for its own: {direct.Status}");
    }

    [Fact]
    public async Task Token_AsGuest_400LikePocketBase()
    {
        var (direct, gateway) = await Exchange.BothAsync(fixture, HttpMethod.Post, TokenPath);

        Exchange.AssertSame(direct, gateway);
        Assert.Equal(400, gateway.Status);
        Assert.Equal("Failed to generate file token.", (string?)gateway.Json!["message"]);
    }

    [Fact]
    public async Task Get_SecretWithoutToken_403()
    {
        var (_, path, _) = await CreateSecretAsync();

        var served = await FileResponse.SendAsync(fixture.Gateway, path);

        ErrorShape.AssertProblem(served.Answer, 403);
    }

    [Fact]
    public async Task Get_SecretWithOwnersFileToken_200WithTheBytes()
    {
        var (owner, path, secret) = await CreateSecretAsync();
        var token = await FileTokenAsync(owner);

        var served = await FileResponse.SendAsync(fixture.Gateway, $"{path}?token={Uri.EscapeDataString(token)}");

        Assert.True(served.Status == 200, $"the owner's secret through Hapta: {served}");
        Assert.True(secret.Bytes.AsSpan().SequenceEqual(served.Body), "Hapta served other bytes than were stored");
    }

    [Fact]
    public async Task Get_SecretWithAnotherUsersFileToken_403()
    {
        var (_, path, _) = await CreateSecretAsync();
        var stranger = await fixture.SignUpAsync();
        var token = await FileTokenAsync(stranger);

        var served = await FileResponse.SendAsync(fixture.Gateway, $"{path}?token={Uri.EscapeDataString(token)}");

        ErrorShape.AssertProblem(served.Answer, 403);
    }

    /// <summary>A fresh owner's private record with a protected file; where that file is served; its content.</summary>
    private async Task<(TestUser Owner, string Path, FilePart Secret)> CreateSecretAsync()
    {
        var owner = await fixture.SignUpAsync();
        var secret = FilePart.Text("secret", "for the owner's eyes only " + SocialData.Unique(""));
        var record = await Attachments.CreateAsync(fixture.Direct, owner, isPublic: false, secret);
        return (owner, Attachments.FilePath(record, "secret"), secret);
    }

    private async Task<string> FileTokenAsync(TestUser user)
    {
        var answer = await Exchange.SendAsync(fixture.Gateway, HttpMethod.Post, TokenPath, user.HaptaToken);
        Assert.True(answer.Status == 200, $"file token through Hapta: {answer}");
        return (string)answer.Json!["token"]!;
    }
}
