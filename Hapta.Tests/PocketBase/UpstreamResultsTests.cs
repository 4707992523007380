using Hapta.Errors;
using Hapta.Testing;

namespace Hapta.PocketBase.Tests;

public sealed class UpstreamResultsTests
{
    [Theory]
    [InlineData(UpstreamOutcome.Unavailable, "PocketBase cannot be reached right now. Please retry shortly.")]
    [InlineData(UpstreamOutcome.TimedOut, "PocketBase did not answer in time. Please retry shortly.")]
    public async Task ToResult_PocketBaseNotAnswering_Is503WithRetryAfter(UpstreamOutcome outcome, string detail)
    {
        var upstream = UpstreamResponse.Failed(outcome);

        var result = upstream.ToResult().Result;
        var response = await ResultResponse.ExecuteAsync(result, $"execute: {outcome}");

        Assert.IsType<ApiError>(result);
        Assert.Equal(503, response.Status);
        Assert.Equal("5", response.Headers.RetryAfter.ToString());
        Assert.Equal(
            "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"" + detail + "\","
            + "\"code\":503,"
            + "\"message\":\"The service is temporarily unavailable. Please try again later.\",\"data\":{}}",
            response.Text);
    }

    [Fact]
    public async Task ToResult_PocketBaseAnswered503_PassesItsErrorOn()
    {
        var upstream = new UpstreamResponse
        {
            Outcome = UpstreamOutcome.Answered,
            Status = 503,
            ContentType = "application/json",
            Body = """{"code":503,"message":"Busy.","data":{}}"""u8.ToArray(),
        };

        var result = upstream.ToResult().Result;
        var response = await ResultResponse.ExecuteAsync(result, "execute: answered 503");

        Assert.IsType<PocketBaseResult>(result);
        Assert.Equal(503, response.Status);
        Assert.Equal(
            """{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"Busy.","code":503,"message":"Busy.","data":{}}""",
            response.Text);
    }
}
