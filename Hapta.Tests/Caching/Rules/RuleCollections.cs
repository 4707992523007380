using Hapta.Collections;

namespace Hapta.Caching.Rules.Tests;

/// <summary>A collection with a field of every PocketBase 0.22 type, single and multi-valued, for unit tests.</summary>
internal static class RuleCollections
{
    public static CollectionInfo Posts(string type = "base") => new()
    {
        Id = "postscollection",
        Name = "posts",
        Type = type,
        Fields =
        [
            Field("title", "text", """{"min":null,"max":null,"pattern":""}"""),
            Field("mail", "email", """{"exceptDomains":null,"onlyDomains":null}"""),
            Field("site", "url", """{"exceptDomains":null,"onlyDomains":null}"""),
            Field("rank", "number", """{"min":null,"max":null,"noDecimal":false}"""),
            Field("flag", "bool", "{}"),
            Field("day", "date", """{"min":"","max":""}"""),
            Field("choice", "select", """{"maxSelect":1,"values":["a","b"]}"""),
            Field("tags", "select", """{"maxSelect":3,"values":["a","b"]}"""),
            Field("owner", "relation", """{"collectionId":"_pb_users_auth_","maxSelect":1}"""),
            Field("members", "relation", """{"collectionId":"_pb_users_auth_","maxSelect":null}"""),
            Field("meta", "json", """{"maxSize":2000000}"""),
            Field("pic", "file", """{"maxSelect":1,"maxSize":5242880}"""),
            Field("body", "editor", """{"convertUrls":false}"""),
            Field("broken", "select", "{not json"),
        ],
    };

    public static FieldInfo Field(string name, string type, string options) =>
        new() { Name = name, Type = type, OptionsJson = options };

    public static CollectionInfo With(params FieldInfo[] fields) =>
        Posts() with { Fields = [.. fields] };
}
