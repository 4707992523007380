using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;

namespace Hapta.Files.Tests;

/// <summary>A file request's answer read whole: status, every header (response and content) and the bytes.</summary>
internal sealed record FileResponse(int Status, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Paths go out exactly as written: no dot segments resolved, no escapes undone.</summary>
    private static readonly UriCreationOptions RawUri = new() { DangerousDisablePathAndQueryCanonicalization = true };

    public string? ContentType => Header("Content-Type");

    /// <summary>The same answer as text and JSON, for <see cref="ErrorShape.AssertProblem"/>.</summary>
    public Answer Answer
    {
        get
        {
            var text = Encoding.UTF8.GetString(Body);
            JsonNode? json = null;
            try
            {
                json = text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (JsonException)
            {
            }

            var mediaType = ContentType?.Split(';')[0].Trim();
            return new Answer(Status, mediaType, text, json);
        }
    }

    /// <summary>A header's values joined by ", "; null when absent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public static async Task<FileResponse> SendAsync(
        HttpClient client,
        string path,
        HttpMethod? method = null,
        string? range = null)
    {
        method ??= HttpMethod.Get;
        var address = new Uri(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + path, RawUri);
        using var request = new HttpRequestMessage(method, address);
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        using var response = await client.SendAsync(request).Within($"{method} {path}");
        var body = await response.Content.ReadAsByteArrayAsync().Within($"{method} {path}: body");
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(
            static h => h.Key, static h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new FileResponse((int)response.StatusCode, body, headers);
    }

    public override string ToString()
    {
        var text = Body.Length <= 300 ? Encoding.UTF8.GetString(Body) : $"({Body.Length} bytes)";
        return $"{Status} {ContentType} {text}";
    }
}
