using System.Net;
using System.Net.Http.Headers;
using Hapta.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace Hapta.PocketBase.Tests;

public sealed class UpstreamCallTests
{
    [Fact]
    public void Classify_TimeoutRejected_IsTimedOut()
    {
        var outcome = UpstreamCall.Classify(new TimeoutRejectedException(), CancellationToken.None);

        Assert.Equal(UpstreamOutcome.TimedOut, outcome);
    }

    [Fact]
    public void Classify_BrokenCircuit_IsUnavailable()
    {
        var outcome = UpstreamCall.Classify(new BrokenCircuitException(), CancellationToken.None);

        Assert.Equal(UpstreamOutcome.Unavailable, outcome);
    }

    [Fact]
    public void Classify_HttpRequestExceptionWrappedByRefit_IsUnavailable()
    {
        var exception = RefitWrapped(new HttpRequestException("Connection refused"));

        var outcome = UpstreamCall.Classify(exception, CancellationToken.None);

        Assert.Equal(UpstreamOutcome.Unavailable, outcome);
    }

    [Fact]
    public void Classify_TimeoutRejectedWrappedByRefit_IsTimedOut()
    {
        var exception = RefitWrapped(new TimeoutRejectedException());

        var outcome = UpstreamCall.Classify(exception, CancellationToken.None);

        Assert.Equal(UpstreamOutcome.TimedOut, outcome);
    }

    [Fact]
    public void Classify_CancellationTheCallerDidNotAskFor_IsTimedOut()
    {
        using var caller = new CancellationTokenSource();
        var exception = new TaskCanceledException("The request was canceled due to the configured timeout.");

        var outcome = UpstreamCall.Classify(exception, caller.Token);

        Assert.Equal(UpstreamOutcome.TimedOut, outcome);
    }

    [Fact]
    public async Task Classify_CancellationByTheCaller_IsNotClassified()
    {
        using var caller = new CancellationTokenSource();
        await caller.CancelAsync();
        var exception = new OperationCanceledException(caller.Token);

        var outcome = UpstreamCall.Classify(exception, caller.Token);

        Assert.Null(outcome);
    }

    [Fact]
    public async Task Classify_CallerCancelledAndRefitWrappedCancellation_IsNotClassified()
    {
        using var caller = new CancellationTokenSource();
        await caller.CancelAsync();
        var exception = RefitWrapped(new TaskCanceledException());

        var outcome = UpstreamCall.Classify(exception, caller.Token);

        Assert.Null(outcome);
    }

    [Fact]
    public void Classify_UnrelatedException_IsNotClassified()
    {
        var outcome = UpstreamCall.Classify(
            new InvalidOperationException("bug", new FormatException("inner")), CancellationToken.None);

        Assert.Null(outcome);
    }

    [Fact]
    public async Task SendAsync_PocketBaseAnswered_CarriesStatusContentTypeAndBody()
    {
        using var caller = new CancellationTokenSource();
        var seen = CancellationToken.None;
        var body = """{"code":404,"message":"The requested resource wasn't found.","data":{}}"""u8.ToArray();

        var response = await UpstreamCall.SendAsync(
            ct =>
            {
                seen = ct;
                return Task.FromResult(Answer(HttpStatusCode.NotFound, body, "application/json; charset=utf-8"));
            },
            "view posts",
            NullLogger.Instance,
            caller.Token).Guarded("send: answered");

        Assert.Equal(caller.Token, seen);
        Assert.Equal(UpstreamOutcome.Answered, response.Outcome);
        Assert.Equal(404, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.Equal(body, response.Body);
        Assert.False(response.IsSuccess);
    }

    [Fact]
    public async Task SendAsync_PocketBaseAnsweredWithoutBody_HasEmptyBodyAndNoContentType()
    {
        var response = await UpstreamCall.SendAsync(
            static _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent)),
            "delete posts",
            NullLogger.Instance,
            CancellationToken.None).Guarded("send: no content");

        Assert.Equal(UpstreamOutcome.Answered, response.Outcome);
        Assert.Equal(204, response.Status);
        Assert.Null(response.ContentType);
        Assert.Empty(response.Body);
        Assert.True(response.IsSuccess);
    }

    [Fact]
    public async Task SendAsync_TransportFailure_IsUnavailable503()
    {
        var response = await UpstreamCall.SendAsync(
            static _ => throw new HttpRequestException("Connection refused"),
            "list posts",
            NullLogger.Instance,
            CancellationToken.None).Guarded("send: transport failure");

        Assert.Equal(UpstreamOutcome.Unavailable, response.Outcome);
        Assert.Equal(503, response.Status);
        Assert.Null(response.ContentType);
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task SendAsync_TimeoutRejected_IsTimedOut503()
    {
        var response = await UpstreamCall.SendAsync(
            static _ => Task.FromException<HttpResponseMessage>(new TimeoutRejectedException()),
            "list posts",
            NullLogger.Instance,
            CancellationToken.None).Guarded("send: timed out");

        Assert.Equal(UpstreamOutcome.TimedOut, response.Outcome);
        Assert.Equal(503, response.Status);
    }

    [Fact]
    public async Task SendAsync_CallerCancelled_PropagatesTheCancellation()
    {
        using var caller = new CancellationTokenSource();
        await caller.CancelAsync();

        var call = UpstreamCall.SendAsync(
            static ct => Task.FromCanceled<HttpResponseMessage>(ct),
            "list posts",
            NullLogger.Instance,
            caller.Token);

        await Assert.ThrowsAsync<TaskCanceledException>(() => call.Guarded("send: cancelled by caller"));
    }

    [Fact]
    public async Task SendAsync_UnrelatedException_Propagates()
    {
        var call = UpstreamCall.SendAsync(
            static _ => throw new InvalidOperationException("a bug of ours"),
            "list posts",
            NullLogger.Instance,
            CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => call.Guarded("send: unrelated failure"));
        Assert.Equal("a bug of ours", ex.Message);
    }

    private static ApiRequestException RefitWrapped(Exception inner) => new(
        new HttpRequestMessage(HttpMethod.Get, "http://pocketbase.test/api/collections/posts/records"),
        HttpMethod.Get,
        new RefitSettings(),
        inner);

    private static HttpResponseMessage Answer(HttpStatusCode status, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new HttpResponseMessage(status) { Content = content };
    }
}
