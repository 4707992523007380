using Hapta.Tests.Infrastructure;

namespace Hapta.Hosting.Tests;

/// <summary>
/// The real <c>hapta-server</c> process: it refuses to start on bad configuration with every problem named
/// and a non-zero exit (issue #2, point 2), and reads the original Hapta's names from a <c>.env</c> file.
/// </summary>
public sealed class StartupTests(PocketBaseOnlyFixture fixture) : IClassFixture<PocketBaseOnlyFixture>
{
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Start_WithoutAnySetting_ExitsWithEveryProblemAtOnce()
    {
        await using var server = HaptaProcess.Start(
            ["--Hapta:Port=notaport", "--Hapta:AdminKey=short", "--Hapta:Sessions:Secret=short"]);

        await server.WaitForExitAsync().Within("wait for refusal", ExitLimit);

        Assert.Equal(2, server.ExitCode);
        foreach (var expected in new[]
            { "DB_URL", "ADMIN_EMAIL", "ADMIN_PASSWORD", "Hapta:Port", "HAPTA_ADMIN_KEY", "HAPTA_SECRET" })
        {
            Assert.Contains(expected, server.Output, StringComparison.Ordinal);
        }

        Assert.Contains("6 configuration problem(s)", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WrongAdminPassword_ExitsSayingWhatToFix()
    {
        var pocketBase = fixture.PocketBase;
        await using var server = HaptaProcess.Start(
        [
            $"--Hapta:Sessions:Secret={HaptaProcess.TestSecret}",
            $"--Hapta:PocketBase:Url={pocketBase.Url}",
            $"--Hapta:PocketBase:AdminEmail={pocketBase.AdminEmail}",
            "--Hapta:PocketBase:AdminPassword=not-the-password",
            .. HaptaProcess.SiloPortArguments(),
        ]);

        await server.WaitForExitAsync().Within("wait for refusal", ExitLimit);

        Assert.Equal(3, server.ExitCode);
        Assert.Contains("refused the admin login", server.Output, StringComparison.Ordinal);
        Assert.Contains("ADMIN_PASSWORD", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PocketBaseUnreachable_ExitsSayingWhereItLooked()
    {
        var nobody = $"http://127.0.0.1:{FreePort.Next()}";
        await using var server = HaptaProcess.Start(
        [
            $"--Hapta:Sessions:Secret={HaptaProcess.TestSecret}",
            $"--Hapta:PocketBase:Url={nobody}",
            "--Hapta:PocketBase:AdminEmail=admin@example.com",
            "--Hapta:PocketBase:AdminPassword=whatever-it-is",
            .. HaptaProcess.SiloPortArguments(),
        ]);

        await server.WaitForExitAsync().Within("wait for refusal", ExitLimit);

        Assert.Equal(3, server.ExitCode);
        Assert.Contains("could not be reached", server.Output, StringComparison.Ordinal);
        Assert.Contains(nobody, server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_LegacyNamesInDotEnv_ServesRecords()
    {
        var pocketBase = fixture.PocketBase;
        var dotEnv = $"""
            # the original Hapta's settings
            DB_URL={pocketBase.Url}
            ADMIN_EMAIL="{pocketBase.AdminEmail}"
            ADMIN_PASSWORD='{pocketBase.AdminPassword}' # quoted, with a comment
            HAPTA_ADMIN_KEY={new string('k', 40)}
            HAPTA_SECRET={HaptaProcess.TestSecret}
            """;
        await using var server = HaptaProcess.Start(HaptaProcess.SiloPortArguments(), dotEnv: dotEnv);

        await server.WaitReadyAsync();
        var list = await Exchange.SendAsync(server.Http, HttpMethod.Get, "/api/collections/posts/records?perPage=1");

        Assert.Equal(200, list.Status);
        Assert.Equal(1, (int?)list.Json!["perPage"]);
        Assert.DoesNotContain(pocketBase.AdminPassword, server.Output, StringComparison.Ordinal);
    }
}
