using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;

namespace Hapta.Validation.Tests;

/// <summary>Record bodies sent as forms are checked like JSON ones and reach PocketBase as the same record.</summary>
[Collection(GatewayCollection.Name)]
public sealed class FormBodyTests(GatewayFixture fixture)
{
    [Fact]
    public async Task MultipartForm_WithoutFiles_CreatesTheSameRecordAsPocketBaseDirect()
    {
        var direct = await SendAsync(fixture.Direct, Specimen());
        var gateway = await SendAsync(fixture.Gateway, Specimen());

        Assert.Equal(200, direct.Status);
        Assert.Equal(200, gateway.Status);
        foreach (var field in new[] { "title", "count", "flag", "tags", "ratio" })
        {
            Assert.True(
                JsonNode.DeepEquals(direct.Json![field], gateway.Json![field]), $"{field}: {direct}\n{gateway}");
        }

        Assert.Equal(12, (int)gateway.Json!["count"]!);
    }

    [Fact]
    public async Task UrlEncodedForm_BadField_400WithTheField()
    {
        using var content = new FormUrlEncodedContent([new("title", "Form title"), new("count", "seven")]);

        var answer = await SendAsync(fixture.Gateway, content);

        ErrorShape.AssertProblem(answer, 400);
        Assert.Equal("hapta_invalid_type", (string?)answer.Json!["data"]!["count"]!["code"]);
    }

    [Fact]
    public async Task MultipartForm_WithAFile_StoresTheFileWithTheRecord()
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent("Form title"), "title" },
            {
                new ByteArrayContent("plain words"u8.ToArray())
                {
                    Headers = { ContentType = new MediaTypeHeaderValue("text/plain") },
                },
                "files",
                "notes.txt"
            },
        };

        var answer = await SendAsync(fixture.Gateway, content);

        Assert.Equal(200, answer.Status);
        var stored = Assert.Single(answer.Json!["files"]!.AsArray());
        Assert.StartsWith("notes_", (string?)stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MultipartForm_Malformed_400()
    {
        using var content = new ByteArrayContent(
            "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nno end"u8.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        var answer = await SendAsync(fixture.Gateway, content);

        ErrorShape.AssertProblem(answer, 400);
    }

    private static MultipartFormDataContent Specimen() => new()
    {
        { new StringContent("Form title"), "title" },
        { new StringContent("12"), "count" },
        { new StringContent("0.5"), "ratio" },
        { new StringContent("true"), "flag" },
        { new StringContent("a"), "tags" },
        { new StringContent("c"), "tags" },
    };

    private static async Task<Answer> SendAsync(HttpClient client, HttpContent content)
    {
        using (content)
        {
            using var response = await client.PostAsync("/api/collections/specimens/records", content)
                .Within("POST a form");
            return await Answer.ReadAsync(response);
        }
    }
}
