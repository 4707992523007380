namespace Hapta.Configuration.Tests;

public sealed class DotEnvFileTests
{
    [Fact]
    public void Parse_CommentsAndBlankLines_AreSkipped()
    {
        string[] lines = ["# PocketBase", "", "   ", "\t# indented comment", "DB_URL=http://127.0.0.1:8090"];

        var entries = Parse(lines);

        Assert.Equal([("DB_URL", "http://127.0.0.1:8090")], entries);
    }

    [Theory]
    [InlineData("export ADMIN_EMAIL=admin@example.com")]
    [InlineData("export    ADMIN_EMAIL=admin@example.com")]
    [InlineData("  export ADMIN_EMAIL = admin@example.com  ")]
    public void Parse_ExportPrefix_IsDropped(string line)
    {
        var entries = Parse(line);

        Assert.Equal([("ADMIN_EMAIL", "admin@example.com")], entries);
    }

    [Theory]
    [InlineData("ADMIN_PASSWORD=\"two words\"", "two words")]
    [InlineData("ADMIN_PASSWORD='two words'", "two words")]
    [InlineData("ADMIN_PASSWORD=\"has # hash\"", "has # hash")]
    [InlineData("ADMIN_PASSWORD='a=b'", "a=b")]
    [InlineData("ADMIN_PASSWORD=\"\"", "")]
    [InlineData("ADMIN_PASSWORD=\"it's\"", "it's")]
    public void Parse_QuotedValue_KeepsWhatIsInsideTheQuotes(string line, string expected)
    {
        var entries = Parse(line);

        Assert.Equal([("ADMIN_PASSWORD", expected)], entries);
    }

    [Theory]
    [InlineData("ADMIN_PASSWORD=\"unclosed", "\"unclosed")]
    [InlineData("ADMIN_PASSWORD='mixed\"", "'mixed\"")]
    [InlineData("ADMIN_PASSWORD=\"", "\"")]
    public void Parse_UnbalancedQuotes_KeepsValueLiterally(string line, string expected)
    {
        var entries = Parse(line);

        Assert.Equal([("ADMIN_PASSWORD", expected)], entries);
    }

    [Fact]
    public void Parse_EqualsInsideValue_SplitsAtTheFirstEquals()
    {
        var entries = Parse("HAPTA_ADMIN_KEY=c2VjcmV0IGtleQ==");

        Assert.Equal([("HAPTA_ADMIN_KEY", "c2VjcmV0IGtleQ==")], entries);
    }

    [Theory]
    [InlineData("DB_URL=http://127.0.0.1:8090 # local PocketBase", "http://127.0.0.1:8090")]
    [InlineData("DB_URL=http://127.0.0.1:8090\t  # tabbed", "http://127.0.0.1:8090")]
    [InlineData("DB_URL=http://127.0.0.1:8090/#fragment", "http://127.0.0.1:8090/#fragment")]
    public void Parse_InlineComment_IsCutOnlyAfterWhiteSpace(string line, string expected)
    {
        var entries = Parse(line);

        Assert.Equal([("DB_URL", expected)], entries);
    }

    [Theory]
    [InlineData("ADMIN_PASSWORD=\"secret value\" # the admin's password")]
    [InlineData("ADMIN_PASSWORD='secret value' # the admin's password")]
    public void Parse_QuotedValueFollowedByComment_KeepsWhatIsInsideTheQuotes(string line)
    {
        var entries = Parse(line);

        Assert.Equal([("ADMIN_PASSWORD", "secret value")], entries);
    }

    [Theory]
    [InlineData("DB_URL")]
    [InlineData("=http://127.0.0.1:8090")]
    [InlineData("export")]
    public void Parse_LineWithoutName_IsSkipped(string line)
    {
        var entries = Parse(line, "ADMIN_EMAIL=admin@example.com");

        Assert.Equal([("ADMIN_EMAIL", "admin@example.com")], entries);
    }

    [Fact]
    public void Parse_WindowsLineEndingsAndPadding_AreTrimmed()
    {
        var entries = Parse("  DB_URL = http://127.0.0.1:8090 \r", "ADMIN_EMAIL=\r");

        Assert.Equal([("DB_URL", "http://127.0.0.1:8090"), ("ADMIN_EMAIL", "")], entries);
    }

    [Fact]
    public void Parse_RepeatedName_YieldsEveryOccurrenceInOrder()
    {
        var entries = Parse("DB_URL=http://first:8090", "DB_URL=http://second:8090");

        Assert.Equal([("DB_URL", "http://first:8090"), ("DB_URL", "http://second:8090")], entries);
    }

    private static List<(string Name, string Value)> Parse(params string[] lines) => [.. DotEnvFile.Parse(lines)];
}
