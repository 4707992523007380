namespace Hapta.Validation.Tests;

public sealed class PatternsTests
{
    [Theory]
    [InlineData("^[a-z]+$", @"^[a-z]+\z")]
    [InlineData("^a$|^b$", @"^a\z|^b\z")]
    [InlineData(@"^[$]\$$", @"^[$]\$\z")]
    [InlineData("^[]$]+$", @"^[]$]+\z")]
    [InlineData("^[^]$]+$", @"^[^]$]+\z")]
    [InlineData("(?m)^a$", "(?m)^a$")] // multi-line: both engines end at a line
    [InlineData("(?P<word>[a-z]+)", "(?<word>[a-z]+)")]
    public void Translate_ReadsGoSyntaxTheGoWay(string go, string dotNet) =>
        Assert.Equal(dotNet, Patterns.Translate(go));

    [Theory]
    [InlineData("^[A-Za-z ]+$", "Good title", true)]
    [InlineData("^[A-Za-z ]+$", "Good title\n", false)] // .NET's $ alone would take this
    [InlineData("^[A-Za-z ]+$", "Good\ntitle", false)]
    [InlineData("(?P<w>^[a-z]+$)", "abc", true)]
    public void Get_MatchesAsGoDoes(string pattern, string value, bool matches) =>
        Assert.Equal(matches, Patterns.Get(pattern)!.IsMatch(value));

    [Fact]
    public void Get_PatternDotNetCannotRead_Null() => Assert.Null(Patterns.Get("(unclosed"));
}
