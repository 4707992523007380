namespace Hapta.Files.Tests;

/// <summary>One file part of a multipart form: the field it goes to, its name, declared type and bytes.</summary>
internal sealed record FilePart(string Field, string FileName, string ContentType, byte[] Bytes)
{
    public static FilePart Png(string field, int width = 200, int height = 150) =>
        new(field, "picture.png", "image/png", FileSamples.Png(width, height));

    public static FilePart Text(string field, string content) =>
        new(field, "notes.txt", "text/plain", System.Text.Encoding.UTF8.GetBytes(content));
}
