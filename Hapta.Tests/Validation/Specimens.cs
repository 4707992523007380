using Hapta.Collections;

namespace Hapta.Validation.Tests;

/// <summary>
/// Collections for validation tests, with the options PocketBase's collection API reports for them (the same
/// shapes as the <c>specimens</c> test migration).
/// </summary>
internal static class Specimens
{
    public static readonly CollectionInfo Collection = new()
    {
        Id = "hptestspecimen1",
        Name = "specimens",
        Type = "base",
        Fields =
        [
            Field("title", "text", """{"min":3,"max":40,"pattern":"^[A-Za-z0-9 ]+$"}""", required: true),
            Field("body", "editor", """{"convertUrls":false}"""),
            Field("count", "number", """{"min":0,"max":1000,"noDecimal":true}"""),
            Field("ratio", "number", """{"min":-1,"max":1,"noDecimal":false}"""),
            Field("flag", "bool", "{}"),
            Field("moderated", "bool", "{}"),
            Field("contact", "email", """{"exceptDomains":null,"onlyDomains":["example.com"]}"""),
            Field("site", "url", """{"exceptDomains":["evil.test"],"onlyDomains":null}"""),
            Field("due", "date", """{"min":"2000-01-01 00:00:00.000Z","max":"2100-01-01 00:00:00.000Z"}"""),
            Field("color", "select", """{"maxSelect":1,"values":["red","green","blue"]}"""),
            Field("tags", "select", """{"maxSelect":3,"values":["a","b","c","d","e"]}"""),
            Field("meta", "json", """{"maxSize":2000}"""),
            Field("owner", "relation", """{"collectionId":"_pb_users_auth_","minSelect":null,"maxSelect":1}"""),
            Field("friends", "relation", """{"collectionId":"_pb_users_auth_","minSelect":2,"maxSelect":5}"""),
            Field("fans", "relation", """{"collectionId":"_pb_users_auth_","minSelect":null,"maxSelect":null}"""),
            Field("files", "file", """{"maxSelect":2,"maxSize":1048576,"mimeTypes":[],"thumbs":[]}"""),
        ],
    };

    public static readonly CollectionInfo Users = new()
    {
        Id = "_pb_users_auth_",
        Name = "users",
        Type = "auth",
        Fields =
        [
            Field("name", "text", """{"min":null,"max":null,"pattern":""}"""),
            Field("avatar", "file", """{"maxSelect":1,"maxSize":5242880}"""),
        ],
    };

    public static readonly CollectionInfo View = new()
    {
        Id = "hptestview00001",
        Name = "totals",
        Type = "view",
        Fields = [Field("total", "number", "{}")],
    };

    private static FieldInfo Field(string name, string type, string options, bool required = false) =>
        new() { Name = name, Type = type, OptionsJson = options, Required = required };
}
