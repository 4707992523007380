using System.Text.Json.Nodes;

namespace Hapta.Tests.Infrastructure;

/// <summary>The error shape of DESIGN §7, checked member by member.</summary>
internal static class ErrorShape
{
    public static JsonObject AssertProblem(Answer answer, int status)
    {
        Assert.True(answer.Status == status, $"expected {status}, got {answer}");
        Assert.Equal("application/problem+json", answer.ContentType);
        var body = Assert.IsType<JsonObject>(answer.Json);
        Assert.Equal("about:blank", (string?)body["type"]);
        Assert.False(string.IsNullOrEmpty((string?)body["title"]), $"title missing: {answer}");
        Assert.Equal(status, (int?)body["status"]);
        Assert.Equal(status, (int?)body["code"]);
        Assert.False(string.IsNullOrEmpty((string?)body["message"]), $"message missing: {answer}");
        Assert.IsType<JsonObject>(body["data"]);
        return body;
    }
}
