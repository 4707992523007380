using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hapta.Tests.Infrastructure;

namespace Hapta.Hosting.Tests;

/// <summary>
/// A password reset confirmed through Hapta ends every session of the user (issue #4, point 5), with the
/// reset mail really sent by PocketBase to a loopback SMTP sink.
/// </summary>
public sealed partial class PasswordResetTests : IAsyncLifetime
{
    private readonly SmtpSink _smtp = new();
    private PocketBaseProcess _pocketBase = null!;
    private InProcessHapta _hapta = null!;

    public async Task InitializeAsync()
    {
        _pocketBase = await PocketBaseProcess.StartAsync().Within("PocketBase start-up", TimeSpan.FromSeconds(60));
        using var settings = new HttpRequestMessage(HttpMethod.Patch, "/api/settings")
        {
            Content = JsonContent.Create(new
            {
                meta = new { appName = "HaptaTest", appUrl = _pocketBase.Url.ToString(), senderAddress = "noreply@example.com" },
                smtp = new { enabled = true, host = "127.0.0.1", port = _smtp.Port, tls = false },
            }),
        };
        settings.Headers.Authorization = new AuthenticationHeaderValue(await _pocketBase.AdminTokenAsync());
        using var response = await _pocketBase.Http.SendAsync(settings).Within("configure SMTP");
        response.EnsureSuccessStatusCode();
        _hapta = await InProcessHapta.StartAsync(_pocketBase);
    }

    public async Task DisposeAsync()
    {
        await _hapta.DisposeAsync();
        await _pocketBase.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task ConfirmPasswordReset_EndsEverySessionOfTheUser()
    {
        var user = await SocialData.SignUpAsync(_pocketBase.Http, _hapta.Http);
        var secondSession = await SocialData.LogInAsync(_hapta.Http, user);
        var request = await Exchange.SendAsync(_hapta.Http, HttpMethod.Post,
            "/api/collections/users/request-password-reset", json: $$"""{"email":"{{user.Email}}"}""");
        await Guard.Until(() => Task.FromResult(_smtp.Messages.Count > 0), "reset mail", TimeSpan.FromSeconds(30));
        var token = ResetToken(_smtp.Messages[0]);

        var confirm = await Exchange.SendAsync(_hapta.Http, HttpMethod.Post,
            "/api/collections/users/confirm-password-reset",
            json: new JsonObject
            {
                ["token"] = token,
                ["password"] = "new-" + user.Password,
                ["passwordConfirm"] = "new-" + user.Password,
            }.ToJsonString());
        var first = await Exchange.SendAsync(_hapta.Http, HttpMethod.Get, "/api/collections/posts/records", user.HaptaToken);
        var second = await Exchange.SendAsync(_hapta.Http, HttpMethod.Get, "/api/collections/posts/records", secondSession);
        var relogin = await Exchange.SendAsync(_hapta.Http, HttpMethod.Post, "/api/collections/users/auth-with-password",
            json: new JsonObject { ["identity"] = user.Username, ["password"] = "new-" + user.Password }.ToJsonString());

        Assert.Equal(204, request.Status);
        Assert.Equal(204, confirm.Status);
        ErrorShape.AssertProblem(first, 401);
        ErrorShape.AssertProblem(second, 401);
        Assert.Equal(200, relogin.Status);
    }

    /// <summary>The reset token from the mail's link; the body is quoted-printable, with soft line breaks.</summary>
    private static string ResetToken(string mail)
    {
        var body = mail.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal)
            .Replace("=3D", "=", StringComparison.Ordinal);
        var match = TokenInLink().Match(body);
        Assert.True(match.Success, "no reset link in the mail:\n" + mail);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"confirm-password-reset/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)")]
    private static partial Regex TokenInLink();
}
