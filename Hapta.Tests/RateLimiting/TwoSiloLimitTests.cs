using System.Diagnostics;
using Hapta.Hosting.Tests;
using Hapta.Tests.Infrastructure;

namespace Hapta.RateLimiting.Tests;

/// <summary>
/// Two real <c>hapta-server</c> processes on one real Redis share every limit (issue #6, point 6): clients that
/// spread their requests over both silos get the limit once, not once per silo.
/// </summary>
public sealed class TwoSiloLimitTests(PocketBaseOnlyFixture fixture)
    : IClassFixture<PocketBaseOnlyFixture>, IAsyncLifetime
{
    private const int AuthMax = 4;
    private const int IpMax = 600;
    private const string Hour = "3600000";

    private TwoSilos _silos = null!;

    public async Task InitializeAsync() => _silos = await TwoSilos.StartAsync(
        fixture.PocketBase,
        $"--Hapta:RateLimit:Max={IpMax}",
        $"--Hapta:RateLimit:Duration={Hour}",
        $"--Hapta:RateLimit:Auth:Max={AuthMax}",
        $"--Hapta:RateLimit:Auth:Duration={Hour}");

    public async Task DisposeAsync() => await _silos.DisposeAsync();

    [Fact]
    public async Task Logins_SpreadOverTwoSilos_AreAdmittedOnceAndPocketBaseSeesOnlyThose()
    {
        var marker = SocialData.Unique("pair");
        var statuses = new List<int>();

        for (var i = 0; i < 12; i++)
        {
            var silo = i % 2 == 0 ? _silos.First : _silos.Second;
            var answer = await Exchange.SendAsync(
                silo.Http,
                HttpMethod.Post,
                $"/api/collections/users/auth-with-password?expand=m_via_{marker}",
                json: $$"""{"identity":"{{SocialData.Unique("x")}}@example.com","password":"wrong"}""");
            statuses.Add(answer.Status);
        }

        await PocketBaseLog.WaitForAsync(fixture.PocketBase, marker);
        var seenByPocketBase = await PocketBaseLog.CountAsync(fixture.PocketBase, marker);

        Assert.Equal(Enumerable.Repeat(400, AuthMax).Concat(Enumerable.Repeat(429, 12 - AuthMax)), statuses);
        Assert.Equal(AuthMax, seenByPocketBase);
    }

    [Fact]
    public async Task BusyPartition_SpreadOverTwoSilos_NeverGetsMoreThanItsLimit()
    {
        // 600 an hour, so silos take leases (up to 6 permits each) rather than asking per request; the bucket
        // refills one permit per 6 s, counted from the first request.
        var path = "/api/collections/" + SocialData.Unique("none") + "/records";
        var clock = Stopwatch.StartNew();
        var admitted = 0;

        for (var i = 0; i < IpMax + 100; i++)
        {
            var silo = i % 2 == 0 ? _silos.First : _silos.Second;
            var answer = await Exchange.SendAsync(silo.Http, HttpMethod.Get, path);
            admitted += answer.Status == 404 ? 1 : 0;
        }

        var refilled = (int)(clock.Elapsed.TotalSeconds / 6);
        Assert.InRange(admitted, IpMax - (2 * 6), IpMax + refilled);
    }
}
