using Hapta.PocketBase;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Hapta.Records.Tests;

public sealed class RecordQueryReaderTests
{
    [Fact]
    public void ReadList_EveryKnownParameter_CarriesEachAsWritten()
    {
        var query = Query("?page=2&perPage=50&sort=-created,title&filter=(a%3D1%20%26%26%20b!%3D'x')"
            + "&expand=author&fields=id,title&skipTotal=1");

        var read = RecordQueryReader.ReadList(query);

        Assert.Equal(
            new RecordQuery
            {
                Page = "2",
                PerPage = "50",
                Sort = "-created,title",
                Filter = "(a=1 && b!='x')",
                Expand = "author",
                Fields = "id,title",
                SkipTotal = "1",
            },
            read);
    }

    [Fact]
    public void ReadList_RepeatedParameter_FirstValueWins()
    {
        var query = Query("?page=3&page=9&sort=title&sort=-created&filter=a%3D1&filter=b%3D2");

        var read = RecordQueryReader.ReadList(query);

        Assert.Equal(new RecordQuery { Page = "3", Sort = "title", Filter = "a=1" }, read);
    }

    [Fact]
    public void ReadList_UnknownParameters_AreNotCarried()
    {
        var query = Query("?token=abc&admin=1&page=1&$autoCancel=false&requestKey=x&perPage=5");

        var read = RecordQueryReader.ReadList(query);

        Assert.Equal(new RecordQuery { Page = "1", PerPage = "5" }, read);
    }

    [Fact]
    public void ReadList_NoParameters_CarriesNothing()
    {
        var query = Query("");

        var read = RecordQueryReader.ReadList(query);

        Assert.Equal(RecordQuery.Empty, read);
    }

    [Fact]
    public void ReadShaping_ExpandAndFieldsAmongOthers_CarriesOnlyThose()
    {
        var query = Query("?expand=author,tags&fields=id&page=2&filter=a%3D1&expand=ignored");

        var read = RecordQueryReader.ReadShaping(query);

        Assert.Equal(new RecordQuery { Expand = "author,tags", Fields = "id" }, read);
    }

    [Fact]
    public void ReadShaping_NoShapingParameters_ReturnsTheSharedEmptyQuery()
    {
        var query = Query("?page=2&sort=title");

        var read = RecordQueryReader.ReadShaping(query);

        Assert.Same(RecordQuery.Empty, read);
    }

    private static QueryCollection Query(string queryString) => new(QueryHelpers.ParseQuery(queryString));
}
