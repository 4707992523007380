using Microsoft.AspNetCore.Http;

namespace Hapta.RateLimiting.Tests;

/// <summary>
/// The <c>RateLimit-Policy</c> and <c>RateLimit</c> fields of draft-ietf-httpapi-ratelimit-headers-11, one member per
/// policy that applied, in the order the policies were checked.
/// </summary>
public sealed class RateLimitHeadersTests
{
    private static readonly RatePolicy Ip = new("ip", RateRule.PerWindow(1_200, TimeSpan.FromMinutes(1)));

    private static readonly RatePolicy Read = new("read", RateRule.PerWindow(600, TimeSpan.FromMinutes(1)));

    private static readonly RatePolicy Global =
        new("global", RateRule.PerWindow(1_000, TimeSpan.FromSeconds(1), burst: 2_000));

    [Fact]
    public void Write_OneDecision_GivesItsPolicyAndWhatRemains()
    {
        var response = CreateResponse();

        RateLimitHeaders.Write(response, [Admitted(Ip, 1_187, TimeSpan.FromMilliseconds(10_200))]);

        Assert.Equal("\"ip\";q=1200;w=60", response.Headers[RateLimitHeaders.Policy]);
        Assert.Equal("\"ip\";r=1187;t=11", response.Headers[RateLimitHeaders.Limit]);
    }

    [Fact]
    public void Write_SeveralDecisions_ListsThemInOrder()
    {
        var response = CreateResponse();

        RateLimitHeaders.Write(
            response,
            [
                Admitted(Ip, 1_187, TimeSpan.FromSeconds(11)),
                Admitted(Read, 599, TimeSpan.FromMilliseconds(100)),
                new RateDecision(Global, false, 0, TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(1)),
            ]);

        Assert.Equal(
            "\"ip\";q=1200;w=60, \"read\";q=600;w=60, \"global\";q=1000;w=1",
            response.Headers[RateLimitHeaders.Policy]);
        Assert.Equal(
            "\"ip\";r=1187;t=11, \"read\";r=599;t=1, \"global\";r=0;t=2",
            response.Headers[RateLimitHeaders.Limit]);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "1")]
    [InlineData(TimeSpan.TicksPerSecond, "1")]
    [InlineData(TimeSpan.TicksPerSecond + 1, "2")]
    public void Write_ResetAfter_IsWholeSecondsRoundedUp(long ticks, string expected)
    {
        var response = CreateResponse();

        RateLimitHeaders.Write(response, [Admitted(Ip, 5, TimeSpan.FromTicks(ticks))]);

        Assert.Equal("\"ip\";r=5;t=" + expected, response.Headers[RateLimitHeaders.Limit]);
    }

    [Fact]
    public void Write_NoDecisions_AddsNoHeaders()
    {
        var response = CreateResponse();

        RateLimitHeaders.Write(response, []);

        Assert.False(response.Headers.ContainsKey(RateLimitHeaders.Policy));
        Assert.False(response.Headers.ContainsKey(RateLimitHeaders.Limit));
    }

    [Fact]
    public void Write_Twice_ReplacesTheFirstHeaders()
    {
        var response = CreateResponse();
        RateLimitHeaders.Write(response, [Admitted(Ip, 9, TimeSpan.FromSeconds(1))]);

        RateLimitHeaders.Write(response, [Admitted(Read, 8, TimeSpan.FromSeconds(1))]);

        Assert.Equal("\"read\";q=600;w=60", response.Headers[RateLimitHeaders.Policy]);
        Assert.Equal("\"read\";r=8;t=1", response.Headers[RateLimitHeaders.Limit]);
    }

    [Fact]
    public void Write_FieldsLongerThanTheStackBuffer_AreWrittenWhole()
    {
        var names = Enumerable.Range(0, 4).Select(static i => new string((char)('a' + i), 100)).ToArray();
        var decisions = names
            .Select(static n => Admitted(new RatePolicy(n, RateRule.PerWindow(9, TimeSpan.FromMinutes(1))), 8, default))
            .ToArray();
        var response = CreateResponse();

        RateLimitHeaders.Write(response, decisions);

        Assert.Equal(
            string.Join(", ", names.Select(static n => $"\"{n}\";q=9;w=60")),
            response.Headers[RateLimitHeaders.Policy]);
        Assert.Equal(
            string.Join(", ", names.Select(static n => $"\"{n}\";r=8;t=0")),
            response.Headers[RateLimitHeaders.Limit]);
    }

    private static HttpResponse CreateResponse() => new DefaultHttpContext().Response;

    private static RateDecision Admitted(RatePolicy policy, long remaining, TimeSpan resetAfter) =>
        new(policy, true, remaining, resetAfter, TimeSpan.Zero);
}
