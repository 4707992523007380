using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hapta.Collections;
using Hapta.Tests.Infrastructure;

namespace Hapta.Caching.Rules.Tests;

/// <summary>
/// A collection of its own in a real PocketBase, with a field of every type of the subset, records of generated
/// values (edge values included), a guest and four users in two auth collections; it sets a rule as the
/// collection's <c>viewRule</c> and asks PocketBase, as every requester, for every record.
/// </summary>
internal sealed class RuleLab
{
    private const int Concurrency = 8;

    public static readonly string[] Texts = ["", "a", "b", "ab", "B", "10", "9", "ｚ", "😀", "é", " a"];

    public static readonly string[] Dates =
    [
        "", "2024-01-01 00:00:00.000Z", "2024-01-01 12:00:00.000Z", "2023-12-31 23:59:59.999Z",
        "2024-06-15 08:30:00.000Z",
    ];

    public static readonly double[] Numbers = [0, 1, -1, 2.5, 9, 10, 1_000_000, -0.5];

    /// <summary>
    /// Texts every lab holds, after the all-defaults record: U+FF5A sorts before U+1F600 in UTF-8 (and SQLite)
    /// but after it in .NET's UTF-16 ordinal order.
    /// </summary>
    private static readonly (string T1, string T2)[] Pinned = [("", ""), ("😀", "ｚ"), ("ｚ", "😀"), ("é", "z")];

    private readonly PocketBaseProcess _pocketBase;
    private readonly string _adminToken;

    private RuleLab(PocketBaseProcess pocketBase, string adminToken)
    {
        _pocketBase = pocketBase;
        _adminToken = adminToken;
    }

    public CollectionInfo Collection { get; private set; } = null!;

    public ImmutableArray<JsonElement> Records { get; private set; }

    public ImmutableArray<LabRequester> Requesters { get; private set; }

    public string MembersId { get; private set; } = "";

    public string MembersName { get; private set; } = "";

    public static async Task<RuleLab> CreateAsync(PocketBaseProcess pocketBase, Random random)
    {
        var lab = new RuleLab(pocketBase, await pocketBase.CachedAdminTokenAsync().Within("lab: admin token"));
        await lab.CreateRequestersAsync();
        await lab.CreateCollectionAsync();
        await lab.CreateRecordsAsync(random);
        return lab;
    }

    /// <summary>Sets <paramref name="rule"/> as the view rule, then asks for every record as every requester.</summary>
    public async Task<List<RuleCase>> JudgeAsync(string rule, RecordRule compiled)
    {
        await AdminAsync(HttpMethod.Patch, $"/api/collections/{Collection.Id}", new JsonObject { ["viewRule"] = rule })
            .Within($"lab: set the view rule {rule}");
        var views = Records.SelectMany(record => Requesters.Select(requester => (record, requester))).ToArray();
        var cases = new RuleCase[views.Length];
        await Parallel.ForAsync(
            0,
            views.Length,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (i, cancellation) =>
            {
                var (record, requester) = views[i];
                var allowed = await ViewAsync(record.GetProperty("id").GetString()!, requester, cancellation);
                cases[i] = new RuleCase(rule, record, requester, allowed, compiled.Allows(record, requester.Requester));
            }).Within($"lab: views under {rule}", TimeSpan.FromSeconds(60));
        return [.. cases];
    }

    private async Task<bool> ViewAsync(string recordId, LabRequester requester, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Get, $"/api/collections/{Collection.Name}/records/{recordId}");
        if (requester.Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", requester.Token);
        }

        using var response = await _pocketBase.Http.SendAsync(request, cancellation);
        return (int)response.StatusCode switch
        {
            200 => true,
            404 => false,
            var status => throw new InvalidOperationException(
                $"view {recordId} as {requester}: PocketBase answered {status}: "
                + await response.Content.ReadAsStringAsync(cancellation)),
        };
    }

    private async Task CreateRequestersAsync()
    {
        MembersName = SocialData.Unique("rulemembers");
        var members = await AdminAsync(HttpMethod.Post, "/api/collections", new JsonObject
        {
            ["name"] = MembersName,
            ["type"] = "auth",
            ["schema"] = new JsonArray(),
            ["options"] = new JsonObject
            {
                ["allowEmailAuth"] = true,
                ["allowUsernameAuth"] = true,
                ["allowOAuth2Auth"] = false,
                ["requireEmail"] = false,
                ["minPasswordLength"] = 8,
            },
        }).Within("lab: create the members collection");
        MembersId = (string)members["id"]!;

        var users = await Task.WhenAll(
            SocialData.SignUpAsync(_pocketBase.Http),
            SocialData.SignUpAsync(_pocketBase.Http),
            CreateMemberAsync(),
            CreateMemberAsync()).Within("lab: sign up and log in four users", TimeSpan.FromSeconds(60));
        Requesters =
        [
            new LabRequester("guest", null, Requester.Guest),
            new LabRequester("users#1", users[0].Token, new Requester(users[0].Id, "_pb_users_auth_", "users")),
            new LabRequester("users#2", users[1].Token, new Requester(users[1].Id, "_pb_users_auth_", "users")),
            new LabRequester("members#1", users[2].Token, new Requester(users[2].Id, MembersId, MembersName)),
            new LabRequester("members#2", users[3].Token, new Requester(users[3].Id, MembersId, MembersName)),
        ];
    }

    private async Task<TestUser> CreateMemberAsync()
    {
        var username = SocialData.Unique("m");
        var password = "pw-" + SocialData.Unique("");
        var record = await AdminAsync(HttpMethod.Post, $"/api/collections/{MembersName}/records", new JsonObject
        {
            ["username"] = username,
            ["password"] = password,
            ["passwordConfirm"] = password,
        });
        using var login = await _pocketBase.Http.PostAsJsonAsync(
            $"/api/collections/{MembersName}/auth-with-password", new { identity = username, password });
        login.EnsureSuccessStatusCode();
        var body = (await login.Content.ReadFromJsonAsync<JsonObject>())!;
        return new TestUser((string)record["id"]!, username, "", password, (string)body["token"]!);
    }

    private async Task CreateCollectionAsync()
    {
        static JsonObject Field(string name, string type, JsonObject options) =>
            new() { ["name"] = name, ["type"] = type, ["required"] = false, ["options"] = options };

        static JsonObject Text() => new() { ["min"] = null, ["max"] = null, ["pattern"] = "" };

        static JsonObject Number() => new() { ["min"] = null, ["max"] = null, ["noDecimal"] = false };

        static JsonArray Choices() => new("a", "b", "c");

        static JsonObject Relation(string collectionId) =>
            new() { ["collectionId"] = collectionId, ["cascadeDelete"] = false, ["maxSelect"] = 1 };

        var created = await AdminAsync(HttpMethod.Post, "/api/collections", new JsonObject
        {
            ["name"] = SocialData.Unique("rulelab"),
            ["type"] = "base",
            ["schema"] = new JsonArray(
                Field("t1", "text", Text()),
                Field("t2", "text", Text()),
                Field("mail", "email", new JsonObject()),
                Field("link", "url", new JsonObject()),
                Field("n1", "number", Number()),
                Field("n2", "number", Number()),
                Field("flag", "bool", new JsonObject()),
                Field("flag2", "bool", new JsonObject()),
                Field("day", "date", new JsonObject { ["min"] = "", ["max"] = "" }),
                Field("day2", "date", new JsonObject { ["min"] = "", ["max"] = "" }),
                Field("choice", "select", new JsonObject { ["maxSelect"] = 1, ["values"] = Choices() }),
                Field("owner", "relation", Relation("_pb_users_auth_")),
                Field("peer", "relation", Relation(MembersId))),
            ["viewRule"] = "",
        }).Within("lab: create the collection");

        Collection = new CollectionInfo
        {
            Id = (string)created["id"]!,
            Name = (string)created["name"]!,
            Type = (string)created["type"]!,
            Fields =
            [
                .. created["schema"]!.AsArray().Select(field => new FieldInfo
                {
                    Name = (string)field!["name"]!,
                    Type = (string)field["type"]!,
                    Required = (bool)field["required"]!,
                    OptionsJson = field["options"]!.ToJsonString(),
                }),
            ],
        };
    }

    private async Task CreateRecordsAsync(Random random)
    {
        var users = IdsIn("users");
        var members = IdsIn(MembersName);
        string[] texts = [.. Texts, .. users, .. members, "users", MembersName, MembersId, "_pb_users_auth_"];
        const int Count = 20;
        for (var i = 0; i < Count; i++)
        {
            // The first record is all defaults: empty texts and dates, zeros, false.
            var plain = i == 0;
            var record = new JsonObject
            {
                ["t1"] = plain ? "" : i < Pinned.Length ? Pinned[i].T1 : Pick(random, texts),
                ["t2"] = plain ? "" : i < Pinned.Length ? Pinned[i].T2 : Pick(random, texts),
                ["mail"] = plain ? "" : Pick(random, ["", "a@example.com", "b@example.com"]),
                ["link"] = plain ? "" : Pick(random, ["", "https://a.example.com", "https://b.example.com"]),
                ["n1"] = plain ? 0 : Pick(random, Numbers),
                ["n2"] = plain ? 0 : Pick(random, Numbers),
                ["flag"] = !plain && random.Next(2) == 0,
                ["flag2"] = !plain && random.Next(2) == 0,
                ["day"] = plain ? "" : Pick(random, Dates),
                ["day2"] = plain ? "" : Pick(random, Dates),
                ["choice"] = plain ? "" : Pick(random, ["", "a", "b", "c"]),
                ["owner"] = plain ? "" : Pick(random, ["", .. users]),
                ["peer"] = plain ? "" : Pick(random, ["", .. members]),
            };
            await AdminAsync(HttpMethod.Post, $"/api/collections/{Collection.Name}/records", record)
                .Within($"lab: create record {i}");
        }

        var page = await AdminAsync(HttpMethod.Get, $"/api/collections/{Collection.Name}/records?perPage={Count}", null)
            .Within("lab: read the records as admin");
        using var document = JsonDocument.Parse(page["items"]!.ToJsonString());
        Records = [.. document.RootElement.EnumerateArray().Select(record => record.Clone())];
        Assert.Equal(Count, Records.Length);
    }

    private string[] IdsIn(string collectionName) =>
        [.. Requesters.Where(r => r.Requester.CollectionName == collectionName).Select(r => r.Requester.Id!)];

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private async Task<JsonNode> AdminAsync(HttpMethod method, string path, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue(_adminToken);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await _pocketBase.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!
            : throw new InvalidOperationException(
                $"{method} {path}: PocketBase answered {(int)response.StatusCode}: {text}");
    }
}
