namespace Hapta.Records.Tests;

public sealed class RecordIdsTests
{
    [Theory]
    [InlineData("abc123def456ghi")]
    [InlineData("ABC_def-ghi+12~")]
    [InlineData("000000000000000")]
    [InlineData("ééééééééééééééé")]
    [InlineData("aaaaaaaaaaaaa😀a")] // 15 code points, as Go counts them, in 16 UTF-16 units
    public void IsValid_FifteenAllowedCharacters_ReturnsTrue(string id)
    {
        var valid = RecordIds.IsValid(id);

        Assert.True(valid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc123def456gh")]
    [InlineData("abc123def456ghij")]
    [InlineData("aaaaaaaaaaaaa😀")] // 15 UTF-16 units, 14 code points
    public void IsValid_WrongLength_ReturnsFalse(string? id)
    {
        var valid = RecordIds.IsValid(id);

        Assert.False(valid);
    }

    [Theory]
    [InlineData('@')]
    [InlineData('#')]
    [InlineData('$')]
    [InlineData('&')]
    [InlineData('|')]
    [InlineData('.')]
    [InlineData(',')]
    [InlineData('\'')]
    [InlineData('"')]
    [InlineData('\\')]
    [InlineData('/')]
    [InlineData(' ')]
    [InlineData('\t')]
    [InlineData('\n')]
    [InlineData('\u0000')]
    [InlineData('\u001b')]
    [InlineData('\u00a0')]
    [InlineData('\u2003')]
    public void IsValid_ForbiddenCharacter_ReturnsFalse(char forbidden)
    {
        var id = "abcdefg" + forbidden + "1234567";

        var valid = RecordIds.IsValid(id);

        Assert.Equal(RecordIds.Length, id.Length);
        Assert.False(valid);
    }
}
