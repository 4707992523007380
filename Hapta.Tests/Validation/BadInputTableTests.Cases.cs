using System.Text;

namespace Hapta.Validation.Tests;

/// <summary>The cases of the bad-input table, by kind; the runner and its assertions are in the other part.</summary>
public sealed partial class BadInputTableTests
{
    private static List<Case> Build()
    {
        List<Case> table =
        [
            .. MalformedJson(), .. InvalidUtf8(), .. DeepNesting(), .. DuplicateKeys(), .. ControlCharacters(),
            .. HugeValues(), .. WrongTypes(), .. OutOfRange(), .. Lists(), .. Modifiers(), .. UnknownFields(),
            .. SystemFields(), .. QueryParameters(), .. Paths(), .. AuthRoutes(), .. Transport(),
        ];
        var twice = table.GroupBy(static c => c.Name).FirstOrDefault(static g => g.Count() > 1);
        return twice is null ? table : throw new InvalidOperationException($"Two cases are named '{twice.Key}'.");
    }

    private static IEnumerable<Case> MalformedJson()
    {
        yield return Post("json: truncated object", Specimens, """{"title":"Good title" """);
        yield return Post("json: truncated inside a string", Specimens, """{"title":"Goo""");
        yield return Post("json: trailing comma", Specimens, """{"title":"Good title",}""");
        yield return Post("json: single-quoted strings", Specimens, "{'title':'Good title'}");
        yield return Post("json: block comment", Specimens, """{"title":"Good title" /* c */}""");
        yield return Post("json: line comment", Specimens, "// c\n" + Valid);
        yield return Post("json: array body", Specimens, $"[{Valid}]");
        yield return Post("json: string body", Specimens, "\"Good title\"");
        yield return Post("json: number body", Specimens, "42");
        yield return Post("json: null body", Specimens, "null");
        yield return Post("json: true body", Specimens, "true");
        yield return Post("json: text after the object", Specimens, Valid + " x");
        yield return Post("json: two objects", Specimens, Valid + "{}");
        yield return Post("json: unquoted key", Specimens, """{title:"Good title"}""");
        yield return Post("json: NaN literal", Specimens, """{"title":"Good title","count":NaN}""");
        yield return Post("json: Infinity literal", Specimens, """{"title":"Good title","ratio":Infinity}""");
        yield return Post("json: hex number", Specimens, """{"title":"Good title","count":0x10}""");
        yield return Post("json: leading zeros", Specimens, """{"title":"Good title","count":007}""");
        yield return Post("json: plus sign", Specimens, """{"title":"Good title","count":+5}""");
        yield return Post("json: fraction without integer part", Specimens, """{"title":"Good title","ratio":.5}""");
        yield return Post("json: number ending in a dot", Specimens, """{"title":"Good title","count":5.}""");
        yield return Post("json: raw control byte in a string", Specimens, "{\"title\":\"Good\u0001title\"}");
        yield return Post("json: raw line break in a string", Specimens, "{\"title\":\"Good\ntitle\"}");
        yield return Post("json: unknown escape \\x", Specimens, """{"title":"Good \x41"}""");
        yield return Post("json: lone high surrogate escape", Specimens, """{"title":"Good \ud800 title"}""");
        yield return Post("json: lone low surrogate escape", Specimens, """{"title":"Good \udc00 title"}""");
        yield return Post("json: white space only", Specimens, "   \n  ");
        yield return Post("json: value missing", Specimens, """{"title":}""");
        yield return Post("json: colon missing", Specimens, """{"title" "Good title"}""");
        yield return Post("json: array left open", Specimens, """{"title":"Good title","tags":["a"}""");
        yield return Post("json: empty key", Specimens, """{"title":"Good title","":1}""", "", Unknown);
        yield return Bytes("json: UTF-8 byte order mark first", "POST", Specimens, [0xEF, 0xBB, 0xBF, .. Utf8(Valid)]);
        yield return Bytes("json: UTF-16 body", "POST", Specimens, [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Valid)]);
        yield return Patch("json: truncated update", Specimen, """{"count":""");
        yield return Post("json: notes body is an array", Notes, "[]");
        yield return Post("json: sign-up truncated", Users, SignUp);
        yield return Post("json: posts body is a number", Posts, "1");
        yield return Post("json: login truncated", Login, """{"identity":"someone","password":""");
        yield return Post("json: login body is an array", Login, """["someone","12345678"]""");
        yield return Post("json: reset request not JSON", ResetRequest, "email=a@example.com");
        yield return Post("json: reset confirm is a string", ResetConfirm, "\"token\"");
    }

    private static IEnumerable<Case> InvalidUtf8()
    {
        (string Name, byte[] Bytes)[] sequences =
        [
            ("lone continuation byte", [0x80]),
            ("overlong slash", [0xC0, 0xAF]),
            ("overlong NUL", [0xC0, 0x80]),
            ("encoded surrogate", [0xED, 0xA0, 0x80]),
            ("truncated three-byte sequence", [0xE2, 0x82]),
            ("truncated four-byte sequence", [0xF0, 0x9F, 0x98]),
            ("byte F5", [0xF5, 0x80, 0x80, 0x80]),
            ("bytes FE FF", [0xFE, 0xFF]),
            ("code point above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
            ("Latin-1 e-acute", [0xE9]),
        ];
        foreach (var (name, bad) in sequences)
        {
            yield return Bytes(
                $"utf-8: {name} in title", "POST", Specimens, Around("""{"title":"Good """, bad, " title\"}"));
        }

        yield return Bytes(
            "utf-8: invalid byte in a key", "POST", Specimens, Around("{\"ti", [0xC3, 0x28], "tle\":\"x\"}"));
        yield return Bytes(
            "utf-8: invalid byte in notes update", "PATCH", Note, Around("{\"title\":\"", [0xFF], "\"}"));
        yield return Bytes(
            "utf-8: invalid byte in login identity",
            "POST",
            Login,
            Around("{\"identity\":\"a", [0xC0], "\",\"password\":\"x\"}"));
        yield return Bytes(
            "utf-8: invalid byte in reset email",
            "POST",
            ResetRequest,
            Around("{\"email\":\"a", [0x80], "@example.com\"}"));
    }

    private static IEnumerable<Case> DeepNesting()
    {
        yield return Post("nesting: meta 65 arrays deep", Specimens, WithMeta(Nested(65)));
        yield return Post("nesting: meta 10,000 arrays deep", Specimens, WithMeta(Nested(10_000)));
        yield return Post("nesting: meta 200 objects deep", Specimens, WithMeta(NestedObjects(200)));
        yield return Post("nesting: 100,000 arrays never closed", Specimens, WithMeta(new string('[', 100_000)) + "}");
        yield return Post(
            "nesting: unknown key holding 70 arrays", Specimens, $$"""{"title":"Good title","x":{{Nested(70)}}}""");
        yield return Post("nesting: notes title 70 arrays deep", Notes, $$"""{"title":{{Nested(70)}}}""");
        yield return Patch("nesting: update meta 100 arrays deep", Specimen, $$"""{"meta":{{Nested(100)}}}""");
        yield return Post(
            "nesting: login identity 70 arrays deep", Login, $$"""{"identity":{{Nested(70)}},"password":"x"}""");
        yield return Post(
            "nesting: reset email 100 objects deep", ResetRequest, $$"""{"email":{{NestedObjects(100)}}}""");
        yield return Post("nesting: sign-up name 100 arrays deep", Users, $$"""{{SignUp}}"name":{{Nested(100)}}}""");
    }

    private static IEnumerable<Case> DuplicateKeys()
    {
        yield return Post(
            "duplicate: title", Specimens, """{"title":"Good title","title":"Other title"}""", "title", Duplicate);
        yield return Post(
            "duplicate: count, same value", Specimens, """{"title":"Good title","count":1,"count":1}""", "count",
            Duplicate);
        yield return Post("duplicate: inside meta", Specimens, WithMeta("""{"a":1,"a":2}"""), "meta", Duplicate);
        yield return Post(
            "duplicate: deep inside meta", Specimens, WithMeta("""[{"x":{"b":1,"b":1}}]"""), "meta", Duplicate);
        yield return Post(
            "duplicate: title, once escaped", Specimens, """{"title":"Good title","titl\u0065":"Other"}""", "title",
            Duplicate);
        yield return Post("duplicate: unknown key", Specimens, """{"title":"Good title","zzz":1,"zzz":2}""", "zzz");
        yield return Post(
            "duplicate: notes title", Notes, """{"title":"One note","title":"Two notes"}""", "title", Duplicate);
        yield return Patch("duplicate: notes update rank", Note, """{"rank":1,"rank":2}""", "rank", Duplicate);
        yield return Post("duplicate: posts content", Posts, """{"content":"a","content":"b"}""", "content", Duplicate);
        yield return Post(
            "duplicate: sign-up password", Users, SignUp + "\"password\":\"87654321\"}", "password", Duplicate);
        yield return Post(
            "duplicate: sign-up email", Users, SignUp + "\"email\":\"u@example.com\"}", "email", Duplicate);
        yield return Post(
            "duplicate: login identity", Login, """{"identity":"a","password":"x","identity":"b"}""", "identity",
            Duplicate);
        yield return Post(
            "duplicate: login password", Login, """{"identity":"a","password":"x","password":"y"}""", "password",
            Duplicate);
        yield return Post(
            "duplicate: reset email", ResetRequest, """{"email":"a@example.com","email":"b@example.com"}""", "email",
            Duplicate);
        yield return Post(
            "duplicate: reset token", ResetConfirm,
            """{"token":"t","token":"u","password":"12345678","passwordConfirm":"12345678"}""", "token", Duplicate);
        yield return Post(
            "duplicate: verification token", VerifyConfirm, """{"token":"t","token":"u"}""", "token", Duplicate);
        yield return Bytes(
            "duplicate: form field and @jsonPayload", "POST", Specimens,
            Utf8("title=Good+title&%40jsonPayload=%7B%22title%22%3A%22Other%22%7D"), Form, 400, "title", Duplicate);
    }

    private static IEnumerable<Case> ControlCharacters()
    {
        yield return Spec("control: NUL in title", "title", "\"Good\\u0000title\"", Control);
        yield return Post("control: U+0001 in notes title", Notes, """{"title":"Note \u0001 x"}""", "title", Control);
        yield return Post(
            "control: escape sequence in notes title", Notes, """{"title":"\u001b[31mred"}""", "title", Control);
        yield return Post("control: bell in notes title", Notes, """{"title":"ring \u0007"}""", "title", Control);
        yield return Post("control: vertical tab in notes title", Notes, """{"title":"a\u000bbc"}""", "title", Control);
        yield return Post("control: form feed in notes title", Notes, """{"title":"a\u000cbc"}""", "title", Control);
        yield return Patch("control: NUL ending notes title", Note, """{"title":"abc\u0000"}""", "title", Control);
        yield return Spec("control: NUL in editor body", "body", "\"<p>\\u0000</p>\"", Control);
        yield return Spec("control: backspace in editor body", "body", "\"<p>a\\u0008</p>\"", Control);
        yield return Spec("control: NUL in email", "contact", "\"a\\u0000@example.com\"", Control);
        yield return Spec("control: NUL in url", "site", "\"https://example.com/\\u0000\"", Control);
        yield return Spec("control: NUL in select value", "color", "\"red\\u0000\"", InvalidValue);
        yield return Spec("control: NUL in multi-select value", "tags", "[\"a\\u0000\"]", InvalidValue);
        yield return Spec("control: NUL in relation id", "owner", "\"aaaaaaaaaaaaa\\u0000a\"", MissingRelation);
        yield return Spec("control: NUL in date", "due", "\"2030-01-01\\u0000\"", InvalidType);
        yield return Post(
            "control: NUL in a key", Specimens, """{"title":"Good title","ti\u0000tle":"x"}""", "ti\0tle", Unknown);
        yield return Post(
            "control: U+0001 in users name", Users, SignUp + "\"name\":\"Bad\\u0001name\"}", "name", Control);
        yield return Post(
            "control: NUL in username", Users,
            SignUp.Replace("table_user", "user\\u0000x", StringComparison.Ordinal) + "\"name\":\"x\"}", "username",
            MatchInvalid);
        yield return Post("control: U+0001 in posts content", Posts, """{"content":"a\u0001"}""", "content", Control);
        yield return Post(
            "control: NUL in login identity", Login, """{"identity":"a\u0000b","password":"x"}""", "identity", Control);
        yield return Post(
            "control: escape in login identity", Login, """{"identity":"\u001b[2J","password":"x"}""", "identity",
            Control);
        yield return Post(
            "control: bell in login identity", Login, """{"identity":"a\u0007","password":"x"}""", "identity", Control);
        yield return Post("control: NUL in reset email", ResetRequest, """{"email":"a\u0000@example.com"}""", "email");
        yield return Post(
            "control: escape in verification email", VerifyRequest, """{"email":"\u001b@example.com"}""", "email");
    }

    private static IEnumerable<Case> HugeValues()
    {
        yield return Spec("huge: title 41 characters", "title", Quoted(new string('A', 41)), MaxText);
        yield return Spec("huge: title 100,000 characters", "title", Quoted(new string('A', 100_000)), MaxText);
        yield return Spec("huge: title 2 characters", "title", "\"ab\"", MinText);
        yield return Spec("huge: body 501 characters (configured 500)", "body", Quoted(new string('b', 501)), MaxText);
        yield return Spec("huge: body 900,000 characters", "body", Quoted(new string('b', 900_000)), MaxText);
        yield return Post(
            "huge: notes title 100,000 characters", Notes, $$"""{"title":"{{new string('n', 100_000)}}"}""", "title",
            MaxText);
        yield return Post(
            "huge: key of 100,000 characters", Specimens,
            $$"""{"title":"Good title","{{new string('k', 100_000)}}":1}""");
        yield return Post(
            "huge: posts content 10,001 characters", Posts, $$"""{"content":"{{new string('c', 10_001)}}"}""",
            "content", MaxText);
        yield return Spec("huge: count 1e309", "count", "1e309", InvalidType);
        yield return Spec("huge: count -1e309", "count", "-1e309", InvalidType);
        yield return Spec("huge: count 1e308", "count", "1e308", MaxNumber);
        yield return Spec("huge: count 23 digits", "count", "99999999999999999999999", MaxNumber);
        yield return Spec("huge: count 1 and 1,000 zeros", "count", "1" + new string('0', 1000), InvalidType);
        yield return Spec("huge: count text 1e400", "count", "\"1e400\"", InvalidType);
        yield return Spec("range: count 1001", "count", "1001", MaxNumber);
        yield return Spec("range: count -1", "count", "-1", MinNumber);
        yield return Spec("range: count 1.5 (no decimals)", "count", "1.5", NoDecimal);
        yield return Spec("range: count 999.0000001", "count", "999.0000001", NoDecimal);
        yield return Spec("range: count -0.5", "count", "-0.5", NoDecimal);
        yield return Spec("range: ratio 1.0000001", "ratio", "1.0000001", MaxNumber);
        yield return Spec("range: ratio -1.5", "ratio", "-1.5", MinNumber);
        yield return Spec("range: ratio text NaN", "ratio", "\"NaN\"", InvalidType);
        yield return Spec("range: ratio text Infinity", "ratio", "\"Infinity\"", InvalidType);
        yield return Spec("range: ratio text -Infinity", "ratio", "\"-Infinity\"", InvalidType);
        yield return Post("range: notes rank 101", Notes, """{"title":"Ranked","rank":101}""", "rank", MaxNumber);
        yield return Post("range: notes rank -1", Notes, """{"title":"Ranked","rank":-1}""", "rank", MinNumber);
        yield return Post("range: notes rank 50.5", Notes, """{"title":"Ranked","rank":50.5}""", "rank", NoDecimal);
        yield return Patch("range: notes rank 1e20 on update", Note, """{"rank":1e20}""", "rank", MaxNumber);
        yield return Spec("huge: meta of 2,001 bytes", "meta", Quoted(new string('m', 1999)), JsonSize);
        yield return Spec("huge: meta of 900,000 bytes", "meta", Quoted(new string('m', 900_000)), JsonSize);
        yield return Spec(
            "huge: meta of 150 times 1e20 (Go writes 21 digits)", "meta",
            $"[{string.Join(',', Enumerable.Repeat("1e20", 150))}]", JsonSize);
        yield return Spec(
            "huge: url of 3,000 characters", "site", Quoted("https://example.com/" + new string('u', 3000)),
            InvalidUrl);
        yield return Post(
            "huge: email of 5,000 characters", Notes,
            $$"""{"title":"Noted","contact":"e@{{new string('d', 5000)}}.c1"}""", "contact", InvalidEmail);
        yield return Post(
            "huge: username 151 characters", Users,
            SignUp.Replace("table_user", new string('u', 151), StringComparison.Ordinal) + "\"name\":\"x\"}",
            "username", LengthRange);
        yield return Post(
            "huge: sign-up password 73 characters", Users,
            $$"""{"email":"t@example.com","password":"{{Long73}}","passwordConfirm":"{{Long73}}"}""",
            "password", TooLong);
    }

    private static IEnumerable<Case> WrongTypes()
    {
        (string Field, string[] Values)[] wrong =
        [
            ("title", ["123", "true", "[]", "{}", "[\"Good title\"]"]),
            ("body", ["1", "{}", "[]"]),
            ("count", ["\"abc\"", "true", "[]", "{}", "\"12abc\"", "[1]"]),
            ("ratio", ["\"x\"", "false", "{}"]),
            ("flag", ["\"yes\"", "2", "[]", "{}", "\"tru\"", "-1", "0.5"]),
            ("contact", ["1", "[]", "{}", "true"]),
            ("site", ["1", "true", "[]"]),
            ("due", ["1700000000", "true", "{}", "[]", "\"not a date\"", "\"2024-13-45\""]),
            ("color", ["1", "true", "{}", "[1]", "[null]"]),
            ("tags", ["{}", "[1]", "5", "true", "[[\"a\"]]", "[{}]", "\"[\\\"a\\\",1]\""]),
            ("owner", ["1", "{}", "[1]", "true", "{\"id\":\"x\"}"]),
            ("friends", ["1", "{\"id\":\"x\"}", "[true]"]),
            ("files", ["1", "{}", "[1]"]),
            ("id", ["123", "true"]),
        ];
        foreach (var (field, values) in wrong)
        {
            foreach (var value in values)
            {
                yield return Spec($"type: specimens.{field} = {value}", field, value, InvalidType);
            }
        }

        yield return Post("type: notes.title = 5", Notes, """{"title":5}""", "title", InvalidType);
        yield return Post(
            "type: notes.rank = \"high\"", Notes, """{"title":"Typed","rank":"high"}""", "rank", InvalidType);
        yield return Post("type: notes.rank = true", Notes, """{"title":"Typed","rank":true}""", "rank", InvalidType);
        yield return Patch("type: notes.contact = 7 on update", Note, """{"contact":7}""", "contact", InvalidType);
        yield return Post(
            "type: users.username = 1", Users,
            """{"username":1,"email":"t@example.com","password":"12345678","passwordConfirm":"12345678"}""", "username",
            InvalidType);
        yield return Post(
            "type: users.email = 1", Users, """{"email":1,"password":"12345678","passwordConfirm":"12345678"}""",
            "email", InvalidType);
        yield return Post(
            "type: users.emailVisibility = \"yes\"", Users, SignUp + "\"emailVisibility\":\"yes\"}", "emailVisibility",
            InvalidType);
        yield return Post(
            "type: users.password = 12345678", Users,
            """{"email":"t@example.com","password":12345678,"passwordConfirm":"12345678"}""", "password", InvalidType);
        yield return Post(
            "type: users.passwordConfirm = 12345678", Users,
            """{"email":"t@example.com","password":"12345678","passwordConfirm":12345678}""", "passwordConfirm",
            InvalidType);
        yield return Post("type: users.name = 1", Users, SignUp + "\"name\":1}", "name", InvalidType);
        yield return Post("type: posts.content = []", Posts, """{"content":[]}""", "content", InvalidType);
    }

    private static IEnumerable<Case> OutOfRange()
    {
        yield return Spec("range: due before the minimum", "due", "\"1999-12-31 23:59:59.000Z\"", TooSmall);
        yield return Spec("range: due after the maximum", "due", "\"2100-01-02 00:00:00.000Z\"", TooBig);
        yield return Spec("range: due year 1", "due", "\"0001-01-01\"", TooSmall);
        yield return Spec("range: due year 9999", "due", "\"9999-12-31\"", TooBig);
        yield return Spec("format: email of another domain", "contact", "\"a@other.com\"", EmailDomain);
        yield return Spec("format: email without @", "contact", "\"not-an-email\"", InvalidEmail);
        yield return Spec("format: email without local part", "contact", "\"@example.com\"", InvalidEmail);
        yield return Spec("format: email without domain", "contact", "\"a@\"", InvalidEmail);
        yield return Spec("format: email with a space", "contact", "\"a b@example.com\"", InvalidEmail);
        yield return Post(
            "format: email domain starting with _", Notes, """{"title":"Mail","contact":"m@_x.org"}""", "contact",
            InvalidEmail);
        yield return Post(
            "format: email domain with a slash", Notes, """{"title":"Mail","contact":"m@x.or/g"}""", "contact",
            InvalidEmail);
        yield return Post(
            "format: email domain ending in a digit", Notes, """{"title":"Mail","contact":"m@x.org7"}""", "contact",
            InvalidEmail);
        yield return Post(
            "control: DEL in an email", Notes, """{"title":"Mail","contact":"m@x.org\u007f"}""", "contact");
        yield return Spec(
            "format: url of non-ASCII letters, no scheme", "site", Quoted(new string('\u00e9', 41)), InvalidUrl);
        yield return Spec("format: javascript: url", "site", "\"javascript:alert(1)\"", InvalidUrl);
        yield return Spec("format: url of an excluded domain", "site", "\"https://evil.test/x\"", UrlDomain);
        yield return Spec("format: url without host", "site", "\"http://\"", InvalidUrl);
        yield return Spec("format: url with a space", "site", "\"http://exa mple.com\"", InvalidUrl);
        yield return Spec("format: data: url", "site", "\"data:text/html,<script>alert(1)</script>\"", InvalidUrl);
        yield return Spec("format: file: url", "site", "\"file:///etc/passwd\"", InvalidUrl);
        yield return Spec("format: title against its pattern", "title", "\"bad-title!\"", Format);
        yield return Spec("format: title ending in a line break ($ in Go's RE2)", "title", "\"Good title\\n\"", Format);
        yield return Spec("format: title with non-ASCII letters", "title", "\"T\u00eftle\"", Format);
        yield return Post("range: notes title 2 characters", Notes, """{"title":"ab"}""", "title", MinText);
        yield return Post(
            "range: notes title 41 characters", Notes, $$"""{"title":"{{new string('t', 41)}}"}""", "title", MaxText);
        yield return Spec("read-only: moderated = true (configured)", "moderated", "true", ReadOnly);
        yield return Spec("read-only: moderated = false (configured)", "moderated", "false", ReadOnly);
    }

    private static IEnumerable<Case> Lists()
    {
        yield return Spec("select: color not in the list", "color", "\"purple\"", InvalidValue);
        yield return Spec("select: color in other case", "color", "\"RED\"", InvalidValue);
        yield return Spec("select: two colors for a single select", "color", "[\"red\",\"green\"]", TooMany);
        yield return Spec("select: four tags (max 3)", "tags", "[\"a\",\"b\",\"c\",\"d\"]", TooMany);
        yield return Spec("select: tag not in the list", "tags", "[\"a\",\"z\"]", InvalidValue);
        yield return Spec("select: tags as one comma text", "tags", "\"a,b\"", InvalidValue);
        yield return Spec(
            "select: five distinct tags among six", "tags", "[\"a\",\"b\",\"c\",\"d\",\"e\",\"a\"]", TooMany);
        yield return Spec("relation: id too short", "owner", "\"short\"", MissingRelation);
        yield return Spec("relation: path as id", "owner", "\"../../etc/passw\"", MissingRelation);
        yield return Spec("relation: id ending in a dot", "owner", "\"aaaaaaaaaaaaaa.\"", MissingRelation);
        yield return Spec("relation: id with spaces", "owner", "\"a b c d e f g h\"", MissingRelation);
        yield return Spec("relation: SQL as id", "owner", "\"'; DROP TABLE x\"", MissingRelation);
        yield return Spec("relation: id of 16", "owner", Quoted(new string('a', 16)), MissingRelation);
        yield return Spec("relation: id of 14", "owner", Quoted(new string('a', 14)), MissingRelation);
        yield return Spec(
            "relation: id of 14 characters, one an emoji (15 UTF-16 units)", "owner", "\"aaaaaaaaaaaaa\\ud83d\\ude00\"",
            MissingRelation);
        yield return Spec(
            "relation: two ids for a single relation", "owner", "[\"aaaaaaaaaaaaaaa\",\"bbbbbbbbbbbbbbb\"]", TooMany);
        yield return Spec(
            "relation: six friends (max 5)", "friends",
            $"[{string.Join(',', "abcdef".Select(static c => Quoted(new string(c, 15))))}]", TooMany);
        yield return Spec("relation: friend id too short", "friends", "[\"x\"]", MissingRelation);
        yield return Spec("relation: friend id with @", "friends", "[\"aaaaaaaaaaaaaa@\"]", MissingRelation);
        yield return Spec("relation: friend id with #", "friends", "\"aaaaaaaaaaaaaa#\"", MissingRelation);
        yield return Spec("file: relative path", "files", "\"../../etc/passwd\"", InvalidValue);
        yield return Spec("file: absolute path", "files", "\"/etc/passwd\"", InvalidValue);
        yield return Spec("file: Windows path", "files", "\"..\\\\..\\\\win.ini\"", InvalidValue);
        yield return Spec("file: drive path", "files", "\"C:\\\\boot.ini\"", InvalidValue);
        yield return Spec("file: name with a slash", "files", "\"a/b.png\"", InvalidValue);
        yield return Spec("file: dot file", "files", "\".htaccess\"", InvalidValue);
        yield return Spec("file: encoded NUL in name", "files", "\"x.png%00.jpg\"", InvalidValue);
        yield return Spec("file: name with a space", "files", "\"a b.png\"", InvalidValue);
        yield return Spec("file: name of 300 characters", "files", Quoted(new string('f', 296) + ".png"), InvalidValue);
        yield return Spec("file: three names (max 2)", "files", "[\"a.png\",\"b.png\",\"c.png\"]", TooMany);
    }

    private static IEnumerable<Case> Modifiers()
    {
        yield return Spec("modifier: title+ on text", "title+", "\"more\"", Unknown);
        yield return Spec("modifier: +title on text", "+title", "\"more\"", Unknown);
        yield return Spec("modifier: title- on text", "title-", "\"more\"", Unknown);
        yield return Spec("modifier: flag+ on bool", "flag+", "true", Unknown);
        yield return Spec("modifier: meta+ on json", "meta+", "{}", Unknown);
        yield return Spec("modifier: +count on number", "+count", "1", Unknown);
        yield return Spec("modifier: files+ on file", "files+", "\"a.png\"", Unknown);
        yield return Spec("modifier: due- on date", "due-", "\"2030-01-01\"", Unknown);
        yield return Spec("modifier: contact- on email", "contact-", "\"a@example.com\"", Unknown);
        yield return Spec("modifier: on an unknown field", "nosuch+", "1", Unknown);
        yield return Spec("modifier: count+ with text", "count+", "\"abc\"", InvalidType);
        yield return Spec("modifier: count+ with a decimal", "count+", "1.5", NoDecimal);
        yield return Spec("modifier: tags+ with a value not in the list", "tags+", "\"zz\"", InvalidValue);
        yield return Spec("modifier: owner+ with a bad id", "owner+", "\"bad\"", MissingRelation);
        yield return Post("modifier: count+ 1001 on create", Specimens, """{"title":"Good title","count+":1001}""");
        yield return Post("modifier: count- 5 on create", Specimens, """{"title":"Good title","count-":5}""");
        yield return Post(
            "modifier: tags+ with four values on create",
            Specimens,
            """{"title":"Good title","tags+":["a","b","c","d"]}""");
        yield return Post("modifier: notes title+", Notes, """{"title":"Note","title+":"x"}""", "title+", Unknown);
        yield return Post("modifier: users name+", Users, SignUp + "\"name+\":\"x\"}", "name+", Unknown);
    }

    private static IEnumerable<Case> UnknownFields()
    {
        foreach (var key in new[] { "nosuch", "Title", " title", "title ", "__proto__", "constructor", "@collection",
                     "owner.username", "expand.owner" })
        {
            yield return Spec($"unknown: specimens \"{key}\"", key, "1", Unknown);
        }

        yield return Post("unknown: notes isAdmin", Notes, """{"title":"Note","isAdmin":true}""", "isAdmin", Unknown);
        yield return Post("unknown: posts admin", Posts, """{"content":"x","admin":true}""", "admin", Unknown);
        yield return Post("unknown: users role", Users, SignUp + "\"role\":\"admin\"}", "role", Unknown);
        yield return Patch("unknown: update nosuch", Specimen, """{"nosuch":1}""", "nosuch", Unknown);
    }

    private static IEnumerable<Case> SystemFields()
    {
        yield return Spec("system: id too short", "id", "\"short\"", LengthInvalid);
        yield return Spec("system: id of 16", "id", Quoted(new string('a', 16)), LengthInvalid);
        yield return Spec("system: id with a slash", "id", "\"aaaaaaa/aaaaaaa\"", MatchInvalid);
        yield return Spec("system: id with a dot", "id", "\"aaaaaaa.aaaaaaa\"", MatchInvalid);
        yield return Spec("system: id with a space", "id", "\"aaaaaaa aaaaaaa\"", MatchInvalid);
        yield return Spec("system: id with NUL", "id", "\"aaaaaaa\\u0000aaaaaaa\"", MatchInvalid);
        yield return Spec(
            "system: id of 14 characters, one an emoji (15 UTF-16 units)", "id", "\"aaaaaaaaaaaaa\\ud83d\\ude00\"",
            LengthInvalid);
        yield return Spec("system: created", "created", "\"2020-01-01 00:00:00.000Z\"", ReadOnly);
        yield return Spec("system: updated", "updated", "\"2020-01-01 00:00:00.000Z\"", ReadOnly);
        yield return Spec("system: collectionId", "collectionId", "\"hptestvault0001\"", ReadOnly);
        yield return Spec("system: collectionName", "collectionName", "\"vault\"", ReadOnly);
        yield return Spec("system: expand", "expand", "{}", ReadOnly);
        yield return Patch("system: id on update", Specimen, """{"id":"aaaaaaaaaaaaaab"}""", "id", ReadOnly);
        yield return Patch("system: same id on update", Specimen, """{"id":"aaaaaaaaaaaaaaa"}""", "id", ReadOnly);
        yield return Post(
            "system: notes created", Notes, """{"title":"Note","created":"2020-01-01"}""", "created", ReadOnly);
        foreach (var (field, value) in new[]
                 {
                     ("verified", "true"), ("tokenKey", "\"k\""), ("passwordHash", "\"$2a$10$x\""),
                     ("lastResetSentAt", "\"2020-01-01\""), ("lastVerificationSentAt", "\"2020-01-01\""),
                     ("lastLoginAlertSentAt", "\"2020-01-01\""),
                 })
        {
            yield return Post(
                $"auth field: sign-up with {field}", Users, $"{SignUp}\"{field}\":{value}}}", field, ReadOnly);
        }

        yield return Patch("auth field: update verified", User, """{"verified":false}""", "verified", ReadOnly);
        yield return Post(
            "auth field: passwords differ", Users,
            """{"email":"t@example.com","password":"12345678","passwordConfirm":"87654321"}""", "passwordConfirm",
            Mismatch);
        yield return Post(
            "auth field: sign-up without password", Users, """{"username":"table_user","email":"t@example.com"}""",
            "password", Required);
        yield return Post(
            "auth field: password without confirmation", Users, """{"email":"t@example.com","password":"12345678"}""",
            "passwordConfirm", Required);
        yield return Patch(
            "auth field: new password without oldPassword", User,
            """{"password":"12345678","passwordConfirm":"12345678"}""", "oldPassword", Required);
        yield return Patch(
            "auth field: update passwords differ", User,
            """{"oldPassword":"x","password":"12345678","passwordConfirm":"1234567"}""", "passwordConfirm", Mismatch);
        yield return Post(
            "auth field: oldPassword on sign-up", Users, SignUp + "\"oldPassword\":\"x\"}", "oldPassword", Unknown);
        yield return Post(
            "auth field: username of 1", Users,
            SignUp.Replace("table_user", "a", StringComparison.Ordinal) + "\"name\":\"x\"}", "username", LengthRange);
        yield return Post(
            "auth field: username with ! and space", Users,
            SignUp.Replace("table_user", "bad name!", StringComparison.Ordinal) + "\"name\":\"x\"}", "username",
            MatchInvalid);
        yield return Post(
            "auth field: email not an address", Users,
            """{"email":"not-email","password":"12345678","passwordConfirm":"12345678"}""", "email", IsEmail);
    }

    private static IEnumerable<Case> QueryParameters()
    {
        foreach (var (value, code) in new[]
                 {
                     ("0", TooSmall), ("-1", TooSmall), ("99999999999", TooBig), ("abc", NotWhole), ("1.5", NotWhole),
                     ("1e3", NotWhole), ("%201", NotWhole), ("0x10", NotWhole), ("99999999999999999999999", NotWhole),
                 })
        {
            yield return Get($"query: page={value}", SpecimenList + "page=" + value, "page", code);
        }

        foreach (var (value, code) in new[]
                 {
                     ("0", TooSmall), ("501", TooBig), ("abc", NotWhole), ("-5", TooSmall), ("1e2", NotWhole),
                 })
        {
            yield return Get($"query: perPage={value}", SpecimenList + "perPage=" + value, "perPage", code);
        }

        foreach (var sort in new[]
                 {
                     "nosuch", "created;DROP", "created;DROP TABLE specimens", "-title,+nosuch", "title.owner",
                     "(SELECT 1)", "title) --", "@random;x", "1=1", "title\0",
                 })
        {
            yield return Get($"query: sort={Printable(sort)}", SpecimenList + "sort=" + Enc(sort), "sort", Unknown);
        }

        foreach (var fields in new[] { "nosuch", "title,password", "*,nosuch", "title:excerpt(10),nosuch", "title.x" })
        {
            yield return Get($"query: fields={fields}", SpecimenList + "fields=" + Enc(fields), "fields", Unknown);
        }

        yield return Get(
            "query: expand unknown", "/api/collections/specimens/records?expand=nosuch{m}", "expand", Unknown);
        yield return Get(
            "query: expand of a text field", "/api/collections/specimens/records?expand=title.{m}", "expand", Unknown);
        yield return Get(
            "query: expand 7 deep", "/api/collections/specimens/records?expand=owner.a.b.c.d.e.{m}", "expand", TooDeep);
        yield return Get(
            "query: expand 10 deep", "/api/collections/specimens/records?expand=owner.a.b.c.d.e.f.g.h.{m}", "expand",
            TooDeep);
        yield return Get(
            "query: expand with an empty item", "/api/collections/specimens/records?expand=,owner.{m}", "expand",
            Unknown);
        yield return Get(
            "query: expand second item unknown", "/api/collections/specimens/records?expand=owner,nosuch.{m}", "expand",
            Unknown);
        yield return Get(
            "query: expand _via_ without collection", "/api/collections/specimens/records?expand=_via_{m}", "expand",
            Unknown);
        yield return Get(
            "query: filter of 3,000 characters", SpecimenList + "filter=" + Enc($"title='{new string('f', 2990)}'"),
            "filter", TooLong);
        yield return Get(
            "query: filter of 2,049 characters", SpecimenList + "filter=" + Enc($"title='{new string('f', 2041)}'"),
            "filter", TooLong);
        foreach (var filter in new[]
                 {
                     "(title='a'", "title='a')", "((title='a')", "title='a", "title=\"a", "title='a\u0001'",
                     "title='a\0'",
                     "title='\u001b[2J'", "title='a\u007f'", new string('(', 40) + "title='a'" + new string(')', 40),
                 })
        {
            yield return Get(
                $"query: filter {Printable(filter)}", SpecimenList + "filter=" + Enc(filter), "filter", BadSyntax);
        }

        foreach (var filter in new[]
                 {
                     "nosuch='a'", "title='x'; DROP TABLE specimens", "title='a' OR 1=1",
                     "title='a' UNION SELECT * FROM _admins", "title='a' || password!=''", "title.owner='x'",
                 })
        {
            yield return Get($"query: filter {filter}", SpecimenList + "filter=" + Enc(filter), "filter", Unknown);
        }

        yield return At(
            "query: filter reading the hidden collection", "GET",
            SpecimenList + "filter=" + Enc("@collection.backstage.note != ''"), 403);
        yield return Get("query: filter with a bare @", SpecimenList + "filter=" + Enc("title = @"), "filter");
        yield return Get(
            "query: filter with an unknown @macro", SpecimenList + "filter=" + Enc("created > @nosuch"), "filter");
        yield return Get(
            "query: URL of 20,000 characters", SpecimenList + "filter=" + new string('f', 20_000), "filter", TooLong);
        yield return new Case(
            "query: request line over Kestrel's 64 KB", "GET", SpecimenList + "filter=" + new string('f', 70_000),
            null, null, 414, ByKestrel: true);
        yield return Get(
            "query: users filter on tokenKey", Users + "&filter=" + Enc("tokenKey != ''"), "filter", Unknown);
        yield return Get(
            "query: users filter on passwordHash", Users + "&filter=" + Enc("passwordHash ~ '$2a'"), "filter", Unknown);
        yield return Get("query: users sort by password", Users + "&sort=password", "sort", Unknown);
        yield return Get("query: notes sort injection", Notes + "&sort=" + Enc("rank;DROP"), "sort", Unknown);
        yield return Get(
            "query: view with unknown expand", "/api/collections/specimens/records/aaaaaaaaaaaaaaa?expand=nosuch{m}",
            "expand", Unknown);
        yield return Get(
            "query: view with unknown fields", "/api/collections/specimens/records/aaaaaaaaaaaaaaa?fields=nosuch{m}",
            "fields", Unknown);
        yield return Post(
            "query: create with unknown expand", "/api/collections/specimens/records?expand=nosuch{m}", Valid, "expand",
            Unknown);
        yield return Patch(
            "query: update with unknown fields", "/api/collections/specimens/records/aaaaaaaaaaaaaaa?fields=nosuch{m}",
            """{"count":1}""", "fields", Unknown);
        yield return Post(
            "query: login with unknown expand", "/api/collections/users/auth-with-password?expand=nosuch{m}",
            """{"identity":"someone","password":"12345678"}""", "expand", Unknown);
        yield return Post(
            "query: login with unknown fields", "/api/collections/users/auth-with-password?fields=nosuch{m}",
            """{"identity":"someone","password":"12345678"}""", "fields", Unknown);
    }

    private static IEnumerable<Case> Paths()
    {
        const string Records = "/api/collections/specimens/records/";
        yield return At("path: id of 17 (view)", "GET", Records + "{m}", 404);
        yield return At("path: id of 17 (update)", "PATCH", Records + "{m}", 404, "{}");
        yield return At("path: id of 17 (delete)", "DELETE", Records + "{m}", 404);
        yield return At("path: id of 14", "GET", Records + "abcdefghijklmn?expand=owner.{m}", 404);
        yield return At("path: id with ..", "GET", Records + "aaaaaaa..aaaaaa?expand=owner.{m}", 404);
        yield return At("path: id with %2F, 15 as sent", "GET", Records + "aaaaaa%2Faaaaaa?expand=owner.{m}", 404);
        yield return At("path: id with %2F..%2F", "PATCH", Records + "aaaaa%2F..%2Faaa?expand=owner.{m}", 404, "{}");
        yield return new Case(
            "path: id with %00", "GET", Records + "aaaaaaaaaaaaa%00a?expand=owner.{m}", null, null, 400,
            ByKestrel: true);
        yield return At("path: id with %20", "GET", Records + "aaaaaaa%20aaaaaaa?expand=owner.{m}", 404);
        yield return At("path: id with @", "DELETE", Records + "aaaaaaaaaaaaaa%40?expand=owner.{m}", 404);
        yield return At("path: id with a quote", "GET", Records + "aaaaaaaaaaaaaa'?expand=owner.{m}", 404);
        yield return At(
            "path: id of 14 characters, one an emoji", "GET", Records + "aaaaaaaaaaaaa%F0%9F%98%80?expand=owner.{m}",
            404);
        yield return At("path: unknown collection (list)", "GET", "/api/collections/{m}/records", 404);
        yield return At("path: unknown collection (create)", "POST", "/api/collections/{m}/records", 404, "{}");
        yield return At("path: hidden collection (list)", "GET", "/api/collections/backstage/records?" + Marked, 404);
        yield return At(
            "path: hidden collection (view)", "GET",
            "/api/collections/backstage/records/aaaaaaaaaaaaaaa?expand=x_via_{m}", 404);
        yield return At(
            "path: hidden collection (create)", "POST", "/api/collections/backstage/records?expand=x_via_{m}", 404,
            """{"note":"x"}""");
        yield return At(
            "path: hidden collection (update)", "PATCH",
            "/api/collections/backstage/records/aaaaaaaaaaaaaaa?expand=x_via_{m}", 404, """{"note":"x"}""");
        yield return At(
            "path: hidden collection (delete)", "DELETE",
            "/api/collections/backstage/records/aaaaaaaaaaaaaaa?expand=x_via_{m}", 404);
        yield return At(
            "path: hidden collection in other case", "GET", "/api/collections/BackStage/records?" + Marked, 404);
        yield return At(
            "path: hidden collection by id", "GET", "/api/collections/hptestbackstag1/records?" + Marked, 404);
        yield return At(
            "path: hidden collection by id (create)", "POST",
            "/api/collections/hptestbackstag1/records?expand=x_via_{m}", 404, """{"note":"x"}""");
        yield return At("path: traversal %2F in id", "GET", Records + "..%2F..%2F..%2Fadmins?" + Marked, 404);
        yield return At(
            "path: traversal %2E%2E to the hidden collection", "GET",
            Records + "%2E%2E/%2E%2E/backstage/records?" + Marked, 404);
        yield return At(
            "path: traversal .. to the hidden collection", "GET",
            "/api/collections/specimens/../backstage/records?" + Marked, 404);
        yield return At("path: traversal .. to /api/admins", "GET", Records + "../../../admins?" + Marked, 403);
        yield return At(
            "path: traversal .. to the admin UI", "GET", Records + "aaaaaaaaaaaaaaa/../../../../../_/?" + Marked, 403);
        yield return At(
            "path: traversal with backslashes", "GET", Records + "..%5C..%5Cadmins%5Cxy?expand=owner.{m}", 404);
        yield return At(
            "path: collection name %2F..%2F", "GET", "/api/collections/specimens%2F..%2Fbackstage/records?" + Marked,
            404);
        yield return At("path: collection name %2E%2E", "GET", "/api/collections/%2E%2E/records?" + Marked, 404);
        yield return At("path: extra segment after the id", "GET", Records + "aaaaaaaaaaaaaaa/{m}", 404);
        yield return At("path: PUT on a record", "PUT", Records + "aaaaaaaaaaaaaaa?expand=owner.{m}", 405, "{}");
        yield return At("path: PUT on the list", "PUT", Specimens, 405, "{}");
    }

    private static IEnumerable<Case> AuthRoutes()
    {
        yield return Post(
            "login: unknown field", Login, """{"identity":"someone","password":"12345678","admin":true}""", "admin",
            Unknown);
        foreach (var value in new[] { "5", "true", "[\"a\"]", "{}" })
        {
            yield return Post(
                $"login: identity = {value}", Login, $$"""{"identity":{{value}},"password":"x"}""", "identity",
                InvalidType);
        }

        yield return Post(
            "login: password = 12345678", Login, """{"identity":"someone","password":12345678}""", "password",
            InvalidType);
        yield return Post("login: identity missing", Login, """{"password":"12345678"}""", "identity", Required);
        yield return Post("login: password missing", Login, """{"identity":"someone"}""", "password", Required);
        yield return Post("login: empty object", Login, "{}", "identity", Required);
        yield return Post("login: identity empty", Login, """{"identity":"","password":"x"}""", "identity", Required);
        yield return Post("login: identity null", Login, """{"identity":null,"password":"x"}""", "identity", Required);
        yield return Post(
            "login: identity of 255", Login, $$"""{"identity":"{{new string('i', 255)}}","password":"x"}""", "identity",
            TooLong);
        yield return Post(
            "login: password of 73", Login, $$"""{"identity":"someone","password":"{{new string('p', 73)}}"}""",
            "password", TooLong);
        yield return Post(
            "login: password of 10,000", Login, $$"""{"identity":"someone","password":"{{new string('p', 10_000)}}"}""",
            "password", TooLong);
        yield return Post(
            "reset request: not an address", ResetRequest, """{"email":"not-an-email"}""", "email", IsEmail);
        yield return Post("reset request: domain without a dot", ResetRequest, """{"email":"a@b"}""", "email", IsEmail);
        yield return Post(
            "reset request: address of 300", ResetRequest, $$"""{"email":"{{new string('e', 288)}}@example.com"}""",
            "email", IsEmail);
        yield return Post("reset request: email = 5", ResetRequest, """{"email":5}""", "email", InvalidType);
        yield return Post("reset request: email missing", ResetRequest, "{}", "email", Required);
        yield return Post("reset request: email null", ResetRequest, """{"email":null}""", "email", Required);
        yield return Post(
            "reset request: unknown field", ResetRequest,
            """{"email":"a@example.com","redirect":"https://evil.test"}""", "redirect", Unknown);
        yield return Post(
            "verification request: not an address", VerifyRequest, """{"email":"nope"}""", "email", IsEmail);
        yield return Post(
            "verification request: unknown field", VerifyRequest, """{"email":"a@example.com","verified":true}""",
            "verified", Unknown);
        yield return Post(
            "reset confirm: passwords differ", ResetConfirm,
            """{"token":"abc","password":"12345678","passwordConfirm":"87654321"}""", "passwordConfirm", Mismatch);
        yield return Post(
            "reset confirm: token missing", ResetConfirm, """{"password":"12345678","passwordConfirm":"12345678"}""",
            "token", Required);
        yield return Post(
            "reset confirm: token of 4,097", ResetConfirm,
            $$"""{"token":"{{new string('t', 4097)}}","password":"12345678","passwordConfirm":"12345678"}""", "token",
            TooLong);
        yield return Post(
            "reset confirm: token of 100,000", ResetConfirm,
            $$"""{"token":"{{new string('t', 100_000)}}","password":"12345678","passwordConfirm":"12345678"}""",
            "token", TooLong);
        yield return Post(
            "reset confirm: password = 12345678", ResetConfirm,
            """{"token":"abc","password":12345678,"passwordConfirm":"12345678"}""", "password", InvalidType);
        yield return Post(
            "reset confirm: password of 73", ResetConfirm,
            $$"""{"token":"abc","password":"{{new string('p', 73)}}","passwordConfirm":"{{new string('p', 73)}}"}""",
            "password", TooLong);
        yield return Post(
            "reset confirm: unknown field", ResetConfirm,
            """{"token":"abc","password":"12345678","passwordConfirm":"12345678","id":"x"}""", "id", Unknown);
        yield return Post(
            "verification confirm: token of 5,000", VerifyConfirm, $$"""{"token":"{{new string('t', 5000)}}"}""",
            "token", TooLong);
        yield return Post("verification confirm: token = 1", VerifyConfirm, """{"token":1}""", "token", InvalidType);
        yield return Post("verification confirm: token missing", VerifyConfirm, "{}", "token", Required);
    }

    private static IEnumerable<Case> Transport()
    {
        foreach (var type in new[]
                 {
                     "text/plain", "application/xml", "text/html", "application/octet-stream", "application/jsonx",
                 })
        {
            yield return Bytes($"content type: create as {type}", "POST", Specimens, Utf8(Valid), type, 415);
        }

        yield return Bytes("content type: create without one", "POST", Specimens, Utf8(Valid), null, 415);
        yield return Bytes(
            "content type: update as text/plain", "PATCH", Specimen, Utf8("""{"count":1}"""), "text/plain", 415);
        yield return Bytes(
            "content type: sign-up as text/plain", "POST", Users, Utf8(SignUp + "\"name\":\"x\"}"), "text/plain", 415);
        yield return Bytes(
            "content type: login as text/plain", "POST", Login, Utf8("""{"identity":"a","password":"b"}"""),
            "text/plain", 415);
        yield return Bytes("content type: login as a form", "POST", Login, Utf8("identity=a&password=b"), Form, 415);
        yield return Bytes(
            "content type: reset request as XML", "POST", ResetRequest, Utf8("<email>a@example.com</email>"),
            "application/xml", 415);
        yield return Bytes(
            "content type: reset confirm as text/plain", "POST", ResetConfirm, Utf8("""{"token":"t"}"""), "text/plain",
            415);
        yield return Bytes(
            "upload: a file for a number field", "POST", Specimens,
            Utf8(
                "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nGood title\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"count\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\nPNG\r\n--b--\r\n"),
            "multipart/form-data; boundary=b", 400, "count", InvalidType);
        yield return Bytes(
            "form: count = abc", "POST", Specimens, Utf8("title=Good+title&count=abc"), Form, 400, "count",
            InvalidType);
        yield return Bytes(
            "form: unknown field", "POST", Specimens, Utf8("title=Good+title&nosuch=1"), Form, 400, "nosuch", Unknown);
        yield return Bytes("form: NUL in title", "POST", Specimens, Utf8("title=Good%00title"), Form, 400);
        yield return Bytes(
            "form: @jsonPayload not an object", "POST", Specimens, Utf8("%40jsonPayload=%5B1%5D"), Form, 400);

        var big = Utf8($$"""{"title":"Good title","body":"{{Oversized}}"}""");
        yield return Bytes("size: create over 1 MiB", "POST", Specimens, big, Json, 413);
        yield return Bytes("size: create over 1 MiB, chunked", "POST", Specimens, big, Json, 413, chunked: true);
        yield return Bytes(
            "size: create of 1 MiB and 1 byte", "POST", Specimens, Utf8(Valid.PadRight((1024 * 1024) + 1)), Json, 413);
        yield return Bytes("size: update over 1 MiB", "PATCH", Specimen, big, Json, 413);
        yield return Bytes(
            "size: notes create of 5 MiB", "POST", Notes,
            Utf8($$"""{"title":"{{new string('n', 5 * 1024 * 1024)}}"}"""), Json, 413);
        var bigLogin = Utf8($$"""{"identity":"someone","password":"{{Oversized}}"}""");
        yield return Bytes("size: login over 1 MiB", "POST", Login, bigLogin, Json, 413);
        yield return Bytes("size: login over 1 MiB, chunked", "POST", Login, bigLogin, Json, 413, chunked: true);
        yield return Bytes(
            "size: reset request over 1 MiB, chunked", "POST", ResetRequest, Utf8($$"""{"email":"{{Oversized}}"}"""),
            Json, 413, chunked: true);
        var bigForm = Utf8("title=Good+title&body=" + Oversized);
        yield return Bytes("size: form over 1 MiB", "POST", Specimens, bigForm, Form, 413);
        yield return Bytes("size: form over 1 MiB, chunked", "POST", Specimens, bigForm, Form, 413, chunked: true);
        yield return Bytes(
            "size: multipart over 1 MiB", "POST", Specimens,
            Utf8($"--b\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n{Oversized}\r\n--b--\r\n"),
            "multipart/form-data; boundary=b", 413);
    }

    private static Case Post(string name, string path, string json, string? field = null, string? code = null) =>
        new(name, "POST", path, Utf8(json), Json, 400, field, code);

    private static Case Patch(string name, string path, string json, string? field = null, string? code = null) =>
        new(name, "PATCH", path, Utf8(json), Json, 400, field, code);

    private static Case Get(string name, string path, string? field = null, string? code = null) =>
        new(name, "GET", path, null, null, 400, field, code);

    private static Case At(string name, string method, string path, int status, string? json = null) =>
        new(name, method, path, json is null ? null : Utf8(json), json is null ? null : Json, status);

    private static Case Bytes(
        string name,
        string method,
        string path,
        byte[] body,
        string? contentType = Json,
        int status = 400,
        string? field = null,
        string? code = null,
        bool chunked = false) =>
        new(name, method, path, body, contentType, status, field, code, chunked);

    /// <summary>A specimen create whose title is fine and whose <paramref name="field"/> is not.</summary>
    private static Case Spec(string name, string field, string valueJson, string code) =>
        Post(
            name,
            Specimens,
            field == "title"
                ? $$"""{"title":{{valueJson}}}"""
                : $$"""{"title":"Good title","{{field}}":{{valueJson}}}""",
            field,
            code);

    private static string WithMeta(string valueJson) => $$"""{"title":"Good title","meta":{{valueJson}}}""";

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private static string NestedObjects(int depth) =>
        new StringBuilder().Insert(0, "{\"a\":", depth).Append('1').Append('}', depth).ToString();

    private static string Quoted(string text) => $"\"{text}\"";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Around(string before, byte[] bad, string after) => [.. Utf8(before), .. bad, .. Utf8(after)];

    /// <summary>A query value percent-encoded, with the marker placeholder left as it is.</summary>
    private static string Enc(string value) =>
        Uri.EscapeDataString(value).Replace("%7Bm%7D", "{m}", StringComparison.Ordinal);

    private static string Printable(string value) =>
        string.Concat(value.Select(static c => char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString()));
}
