using System.Text;

namespace Hapta.Files.Tests;

public sealed class MimeSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "image/jpeg")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0 }, "image/gif")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50 }, "image/webp")]
    public void Sniff_KnownSignature_ItsType(byte[] start, string type) =>
        Assert.Equal(type, MimeSniffer.Sniff(start));

    [Theory]
    [InlineData("hello text")]
    [InlineData("{\"json\": true}\n")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    [InlineData("ünïcödé\r\n\ttabbed")]
    public void Sniff_Text_Text(string text) =>
        Assert.Equal(MimeSniffer.Text, MimeSniffer.Sniff(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Sniff_TextCutInsideACharacter_StillText()
    {
        var bytes = Encoding.UTF8.GetBytes("abc é");

        Assert.Equal(MimeSniffer.Text, MimeSniffer.Sniff(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Theory]
    [InlineData(new byte[] { 0, 1, 2, 3, 4 })]
    [InlineData(new byte[] { 0xC3, 0x28, 0x41, 0x42, 0x43, 0x44 })]
    [InlineData(new byte[0])]
    public void Sniff_UnknownBinaryOrEmpty_Null(byte[] bytes) => Assert.Null(MimeSniffer.Sniff(bytes));

    [Theory]
    [InlineData(MimeSniffer.Text, new[] { "image/png", "image/jpeg" }, true)] // a text file named x.png
    [InlineData(MimeSniffer.Text, new[] { "image/png", "text/plain" }, false)]
    [InlineData(MimeSniffer.Text, new[] { "image/svg+xml" }, false)] // SVG is text
    [InlineData(MimeSniffer.Text, new[] { "application/json" }, false)]
    [InlineData("image/gif", new[] { "image/png", "image/jpeg" }, true)]
    [InlineData("image/png", new[] { "image/png", "image/jpeg" }, false)]
    [InlineData("image/png", new string[0], false)] // no list: any type
    [InlineData(null, new[] { "image/png" }, false)] // unknown: PocketBase's call
    public void CertainlyRefused_OnlyWherePocketBaseMustAgree(string? sniffed, string[] allowed, bool refused) =>
        Assert.Equal(refused, MimeSniffer.CertainlyRefused(sniffed, allowed));
}
