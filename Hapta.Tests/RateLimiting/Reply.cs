using System.Net.Http.Headers;
using System.Text;
using Hapta.Tests.Infrastructure;

namespace Hapta.RateLimiting.Tests;

/// <summary>An answer with its headers, for the rate-limit tests, which read <c>RateLimit</c> and friends.</summary>
internal sealed record Reply(Answer Answer, HttpResponseHeaders Headers)
{
    public int Status => Answer.Status;

    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    /// <summary>Sends a request as the client <paramref name="clientIp"/> (through a proxy Hapta may trust).</summary>
    public static async Task<Reply> SendAsync(
        HttpClient client,
        HttpMethod method,
        string path,
        string? clientIp = null,
        string? token = null,
        string? json = null,
        string? origin = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (clientIp is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", clientIp);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request).Within($"{method} {path}");
        return new Reply(await Answer.ReadAsync(response), response.Headers);
    }

    public override string ToString() => Answer.ToString();
}
