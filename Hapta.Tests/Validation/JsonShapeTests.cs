using System.Text.Json;

namespace Hapta.Validation.Tests;

public sealed class JsonShapeTests
{
    [Theory]
    [InlineData(0d, "0")]
    [InlineData(-0d, "-0")]
    [InlineData(1d, "1")]
    [InlineData(-12.5, "-12.5")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.25e-10, "1.25e-10")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e15, "1000000000000000")]
    public void GoNumberSize_IsTheLengthOfGosEncoding(double number, string go) =>
        Assert.Equal(go.Length, JsonShape.GoNumberSize(number));

    [Theory]
    [InlineData("""{"a":[1,true,null]}""", """{"a":[1,true,null]}""")]
    [InlineData("""{ "a" : "<&>" }""", """{"a":"\u003c\u0026\u003e"}""")]
    [InlineData("""["é\n\u0001"]""", "[\"é\\n\\u0001\"]")]
    [InlineData("""[1e2, 2.50]""", "[100,2.5]")]
    [InlineData("\"not json at all\"", "\"not json at all\"")] // stored as a quoted string
    [InlineData("\"[1, 2]\"", "[1, 2]")] // JSON in a text: at least its own bytes
    public void GoSize_CountsWhatPocketBaseMeasures(string value, string stored)
    {
        using var document = JsonDocument.Parse(value);

        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(stored), JsonShape.GoSize(document.RootElement));
    }
}
