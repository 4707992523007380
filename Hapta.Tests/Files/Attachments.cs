using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;

namespace Hapta.Files.Tests;

/// <summary>
/// Records of the test collection "attachments" (Fixtures/pb_migrations/1764800002_attachments.js), written as
/// multipart forms the way an SDK writes them: text fields first, then the file parts.
/// </summary>
internal static class Attachments
{
    public const string Records = "/api/collections/attachments/records";

    public static MultipartFormDataContent Form(
        IEnumerable<(string Name, string Value)> fields,
        params FilePart[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Bytes);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
            form.Add(part, file.Field, file.FileName);
        }

        return form;
    }

    /// <summary>The text fields of a new record of <paramref name="owner"/>.</summary>
    public static (string Name, string Value)[] Fields(TestUser owner, bool isPublic, string? title = null) =>
    [
        ("owner", owner.Id),
        ("public", isPublic ? "true" : "false"),
        ("title", title ?? SocialData.Unique("attachment ")),
    ];

    /// <summary>Sends <paramref name="form"/> with <paramref name="token"/> (PocketBase's or Hapta's).</summary>
    public static async Task<Answer> SendAsync(
        HttpClient client,
        HttpMethod method,
        string path,
        string? token,
        HttpContent form)
    {
        using var request = new HttpRequestMessage(method, path) { Content = form };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request).Within($"{method} {path} (multipart)");
        return await Answer.ReadAsync(response);
    }

    /// <summary>Creates a record of <paramref name="owner"/> with <paramref name="files"/>, in PocketBase.</summary>
    public static async Task<JsonObject> CreateAsync(
        HttpClient pocketBase,
        TestUser owner,
        bool isPublic,
        params FilePart[] files)
    {
        using var form = Form(Fields(owner, isPublic), files);
        var answer = await SendAsync(pocketBase, HttpMethod.Post, Records, owner.Token, form);
        return answer.Status == 200 && answer.Json is JsonObject record
            ? record
            : throw new InvalidOperationException($"create attachment: PocketBase answered {answer}");
    }

    /// <summary>The stored name of the file of <paramref name="field"/> (the first, for a multiple field).</summary>
    public static string FileName(JsonObject record, string field) => record[field] switch
    {
        JsonArray names => (string)names[0]!,
        var name => (string)name!,
    };

    /// <summary>Where a file of <paramref name="record"/> is served.</summary>
    public static string FilePath(JsonObject record, string field) =>
        $"/api/files/attachments/{(string)record["id"]!}/{FileName(record, field)}";
}
