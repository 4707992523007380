using System.Text.Json;

namespace Hapta.Caching.Rules.Tests;

/// <summary>Worked examples of how a compiled rule decides, one PocketBase semantic each.</summary>
public sealed partial class RecordRuleTests
{
    private const string Alice = "alice0000000001";

    private const string Record = """
        {
          "id": "rec000000000001", "collectionId": "postscollection", "collectionName": "posts",
          "created": "2024-01-01 10:00:00.000Z", "updated": "2024-01-02 10:00:00.000Z",
          "title": "a", "mail": "", "site": "https://a.example.com", "rank": 5, "flag": true,
          "day": "2024-01-01 00:00:00.000Z", "choice": "", "tags": ["a"], "owner": "alice0000000001",
          "members": [], "meta": null, "pic": "", "body": ""
        }
        """;

    [Theory]
    [InlineData("owner = @request.auth.id", "alice", true)]
    [InlineData("owner = @request.auth.id", "bob", false)]
    [InlineData("owner = @request.auth.id", "guest", false)]
    [InlineData("owner != @request.auth.id", "guest", true)]
    // A guest's @request.auth.* is SQL NULL, which PocketBase's = and != treat as ''.
    [InlineData("choice = @request.auth.id", "guest", true)]
    [InlineData("@request.auth.id = ''", "guest", true)]
    [InlineData("@request.auth.id = null", "guest", true)]
    [InlineData("@request.auth.id != ''", "guest", false)]
    [InlineData("@request.auth.id != ''", "bob", true)]
    // … but an ordering against NULL is never true.
    [InlineData("@request.auth.id < 'zzz'", "guest", false)]
    [InlineData("@request.auth.id >= ''", "guest", false)]
    [InlineData("@request.auth.id < 'zzz'", "alice", true)]
    [InlineData("@request.auth.collectionName = 'users'", "alice", true)]
    [InlineData("@request.auth.collectionName = 'users'", "bob", false)]
    [InlineData("@request.auth.collectionId = 'memberscollectn'", "bob", true)]
    public void Allows_RequestAuth_DecidesAsPocketBase(string rule, string requester, bool expected)
    {
        Assert.Equal(expected, Decide(rule, Record, requester));
    }

    [Theory]
    [InlineData("title = null", false)]
    [InlineData("mail = null", true)]
    [InlineData("mail = ''", true)]
    [InlineData("mail != null", false)]
    [InlineData("null = ''", true)]
    [InlineData("null != ''", false)]
    // A number or bool column is never empty: 0 and false are not ''.
    [InlineData("rank = null", false)]
    [InlineData("rank != null", true)]
    [InlineData("flag = null", false)]
    [InlineData("null = 0", false)]
    [InlineData("null = false", false)]
    // Ordering with NULL is never true, whereas '' is an ordinary text.
    [InlineData("mail < null", false)]
    [InlineData("mail >= null", false)]
    [InlineData("null <= null", false)]
    [InlineData("mail >= ''", true)]
    [InlineData("title > ''", true)]
    public void Allows_NullAndEmpty_DecidesAsPocketBase(string rule, bool expected)
    {
        Assert.Equal(expected, Decide(rule, Record, "alice"));
    }

    [Theory]
    [InlineData("rank = 5", true)]
    [InlineData("rank = 5.0", true)]
    [InlineData("rank > 4.99", true)]
    [InlineData("rank < 5", false)]
    [InlineData("rank >= -5", true)]
    [InlineData("flag = true", true)]
    [InlineData("flag != true", false)]
    [InlineData("flag > false", true)]
    [InlineData("flag = TRUE", true)]
    [InlineData("day >= '2024-01-01'", true)]
    [InlineData("day = '2024-01-01'", false)]
    [InlineData("created < updated", true)]
    [InlineData("day < created", true)]
    [InlineData("title < 'b'", true)]
    [InlineData("title < 'B'", false)]
    [InlineData("title = 'A'", false)]
    [InlineData("site > 'https://a'", true)]
    [InlineData("title = title", true)]
    [InlineData("'a' < 'b' && 2 > 10", false)]
    public void Allows_Comparison_DecidesAsPocketBase(string rule, bool expected)
    {
        Assert.Equal(expected, Decide(rule, Record, "alice"));
    }

    [Theory]
    // UTF-8 (and SQLite) order: U+FF5A comes before U+1F600, although its UTF-16 unit sorts after a surrogate.
    [InlineData("ｚ", "title < '😀'", true)]
    [InlineData("😀", "title > 'ｚ'", true)]
    [InlineData("é", "title > 'z'", true)]
    [InlineData("ab", "title > 'a'", true)]
    public void Allows_TextOrder_IsCodePointOrder(string title, string rule, bool expected)
    {
        var record = Record.Replace(
            "\"title\": \"a\"", "\"title\": " + JsonSerializer.Serialize(title), StringComparison.Ordinal);

        Assert.Equal(expected, Decide(rule, record, "alice"));
    }

    [Theory]
    [InlineData("flag = true || rank = 1 && title = 'x'", true)]
    [InlineData("(flag = true || rank = 1) && title = 'x'", false)]
    [InlineData("title = 'x' && rank = 1 || flag = true", true)]
    [InlineData("title = 'x' && (rank = 1 || flag = true)", false)]
    public void Allows_AndBindsTighterThanOr(string rule, bool expected)
    {
        Assert.Equal(expected, Decide(rule, Record, "alice"));
    }

    [Theory]
    [InlineData("""{"id":"r","title":"a"}""", "rank != 1")]
    [InlineData("""{"id":"r","title":"a","rank":"5"}""", "rank != 1")]
    [InlineData("""{"id":"r","title":null,"rank":5}""", "title != 'b'")]
    [InlineData("""{"id":"r","flag":1}""", "flag != true")]
    [InlineData("""["not","an","object"]""", "title != 'b'")]
    public void Allows_RecordNotMatchingTheSchema_Denies(string record, string rule)
    {
        Assert.False(Decide(rule, record, "alice"));
    }

    [Fact]
    public void Allows_RecordNotMatchingTheSchemaInOneBranch_StillAllowsThroughAnother()
    {
        const string Broken = """{"id":"r","title":"a"}""";

        Assert.True(Decide("rank != 1 || title = 'a'", Broken, "alice"));
    }

    [Theory]
    [InlineData("guest")]
    [InlineData("alice")]
    public void Allows_EmptyRule_LetsEveryoneView(string requester)
    {
        Assert.True(Decide("", Record, requester));
    }

    [Fact]
    public void Allows_UserWithoutCollectionName_DeniesComparisonsOfIt()
    {
        var sut = RecordRule.TryCompile("@request.auth.collectionName != 'x'", RuleCollections.Posts())!;
        using var record = JsonDocument.Parse(Record);

        var allowed = sut.Allows(record.RootElement, new Requester(Alice, "_pb_users_auth_", null));

        Assert.False(allowed);
    }

    [Fact]
    public void Allows_EmptyRequesterId_IsAGuest()
    {
        var sut = RecordRule.TryCompile("@request.auth.id = null", RuleCollections.Posts())!;
        using var record = JsonDocument.Parse(Record);

        var allowed = sut.Allows(record.RootElement, new Requester("", "_pb_users_auth_", "users"));

        Assert.True(allowed);
    }

    private static bool Decide(string rule, string recordJson, string requester)
    {
        var sut = RecordRule.TryCompile(rule, RuleCollections.Posts());
        Assert.NotNull(sut);
        using var record = JsonDocument.Parse(recordJson);
        return sut.Allows(record.RootElement, requester switch
        {
            "alice" => new Requester(Alice, "_pb_users_auth_", "users"),
            "bob" => new Requester("bob000000000001", "memberscollectn", "members"),
            _ => Requester.Guest,
        });
    }
}
