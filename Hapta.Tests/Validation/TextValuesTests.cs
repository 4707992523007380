namespace Hapta.Validation.Tests;

public sealed class TextValuesTests
{
    [Theory]
    [InlineData("red_cjqiYfZUcc.png")]
    [InlineData("avatar_h7HzJqJtds.jpeg")]
    [InlineData("no_extension_a1b2c3d4e5")]
    [InlineData("dash-and_under.tar.gz")]
    public void FileNames_PocketBasesForm_Valid(string name) => Assert.True(FileNames.IsValid(name));

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("../etc/passwd")]
    [InlineData("a/b.png")]
    [InlineData("a\\b.png")]
    [InlineData("a..png")]
    [InlineData("a b.png")]
    [InlineData("a%2Fb.png")]
    [InlineData("a\0.png")]
    [InlineData("ünï.png")]
    public void FileNames_PathsAndOddCharacters_Invalid(string name) => Assert.False(FileNames.IsValid(name));

    [Fact]
    public void FileNames_Over255Characters_Invalid()
    {
        Assert.True(FileNames.IsValid(new string('a', 251) + ".png"));
        Assert.False(FileNames.IsValid(new string('a', 252) + ".png"));
    }

    [Theory]
    [InlineData("ann@example.com")]
    [InlineData("a.b+tag@sub.example.co.uk")]
    [InlineData("ünïcode@exämple.de")]
    [InlineData("ann@example.com.")] // a trailing dot, as in DNS
    [InlineData("ann@exa..mple.com")] // Go's rule lets dots repeat inside a label
    [InlineData("ann@b_c.example~x.org")]
    [InlineData("ann@1.io")]
    [InlineData("ann@example.c0m")] // the last label only begins and ends with a letter
    public void LooksLikeEmail_Addresses_True(string value) => Assert.True(TextValues.LooksLikeEmail(value));

    [Theory]
    [InlineData("plain")]
    [InlineData("@example.com")]
    [InlineData("ann@")]
    [InlineData("ann@localhost")]
    [InlineData("ann@@example.com")]
    [InlineData("an n@example.com")]
    [InlineData(".ann@example.com")]
    [InlineData("an..n@example.com")]
    [InlineData("<ann>@example.com")]
    [InlineData("ann@_example.com")]
    [InlineData("ann@exam/ple.com")]
    [InlineData("ann@example.c1")]
    [InlineData("ann@-example.com")]
    [InlineData("ann@example-.com")]
    [InlineData("a\u007fnn@example.com")]
    [InlineData("ann@example.com\n")]
    [InlineData("\U0001F600@example.com")]
    public void LooksLikeEmail_NotAddresses_False(string value) => Assert.False(TextValues.LooksLikeEmail(value));

    [Theory]
    [InlineData("https://example.com/a?b=c#d", "example.com")]
    [InlineData("example.com/path", "example.com")]
    [InlineData("wss://live.example.org:8443/socket", "live.example.org")]
    [InlineData("ftp://files.example.net", "files.example.net")]
    [InlineData("localhost:8080", "localhost")]
    [InlineData("http://intranet", "intranet")]
    public void UrlHost_UrlsPocketBaseTakes_TheirHost(string value, string host) =>
        Assert.Equal(host, TextValues.UrlHost(value));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://exa mple.com")]
    [InlineData("https://")]
    [InlineData("gopher://example.com")]
    [InlineData("HTTPS://EXAMPLE.COM")] // Go's rule takes the scheme in lower case only
    [InlineData("intranet")] // without a scheme or port, the host needs a dot
    [InlineData("ééééé")]
    [InlineData("intranet?q=a.b")]
    public void UrlHost_UrlsPocketBaseRefuses_Null(string value) => Assert.Null(TextValues.UrlHost(value));

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("😀😀", 2)]
    [InlineData("é", 1)]
    [InlineData("", 0)]
    public void CodePoints_CountsSurrogatePairsOnce(string value, int expected) =>
        Assert.Equal(expected, TextValues.CodePoints(value));

    [Theory]
    [InlineData("tab\tline\nreturn\r", -1)]
    [InlineData("nul\0", 3)]
    [InlineData("\u001b[0m", 0)]
    public void ControlCharacterAt_AllowsTabAndLineBreaksOnly(string value, int expected) =>
        Assert.Equal(expected, TextValues.ControlCharacterAt(value));
}
