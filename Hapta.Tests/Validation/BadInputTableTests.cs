using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;

namespace Hapta.Validation.Tests;

/// <summary>
/// The table of bad inputs of issue #7, point 6: for every one Hapta answers a 4xx in the error shape of DESIGN §7
/// with a detail (and the field error where one field is to blame), PocketBase's request log shows that the request
/// never arrived, and a normal request right after it is served.
/// </summary>
/// <remarks>
/// PocketBase writes its request log in batches after about three quiet seconds, so the cases are not judged one
/// log wait each: the first case to run sends the whole table once (<see cref="Runs"/>), each request with its own
/// marker in the part of the URL Hapta would forward, then waits for one sentinel and reads the log once. A request
/// whose marker could be lost on the way (a path that Kestrel normalizes, an auth action whose query is not
/// forwarded) is also caught by time: a client request in PocketBase's log that names no marker belongs to the case
/// sent last before it was logged (the cases go one at a time). Each case is then its own test result.
/// </remarks>
[Collection(GatewayCollection.Name)]
public sealed partial class BadInputTableTests(GatewayFixture fixture)
{
    private static readonly ConditionalWeakTable<GatewayFixture, Lazy<Task<IReadOnlyDictionary<string, Outcome>>>>
        Runs = [];

    private static readonly UriCreationOptions RawUri = new() { DangerousDisablePathAndQueryCanonicalization = true };

    /// <summary>PocketBase logs whole milliseconds; a request's window is widened by that much on each side.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMilliseconds(1);

    // Where each kind of request goes; {m} is where its marker rides. An expand path is checked at its first step only
    // (a relation, or the back-relation form x_via_y), so the marker behind it is forwarded as it is.
    private const string Specimens = "/api/collections/specimens/records?expand=owner.{m}";
    private const string Specimen = "/api/collections/specimens/records/aaaaaaaaaaaaaaa?expand=owner.{m}";
    private const string SpecimenList = "/api/collections/specimens/records?expand=owner.{m}&";
    private const string Notes = "/api/collections/notes/records?expand=x_via_{m}";
    private const string Note = "/api/collections/notes/records/aaaaaaaaaaaaaaa?expand=x_via_{m}";
    private const string Users = "/api/collections/users/records?expand=x_via_{m}";
    private const string User = "/api/collections/users/records/aaaaaaaaaaaaaaa?expand=x_via_{m}";
    private const string Posts = "/api/collections/posts/records?expand=author.{m}";
    private const string Login = "/api/collections/users/auth-with-password?expand=x_via_{m}";
    private const string ResetRequest = "/api/collections/users/request-password-reset?expand=x_via_{m}";
    private const string ResetConfirm = "/api/collections/users/confirm-password-reset?expand=x_via_{m}";
    private const string VerifyRequest = "/api/collections/users/request-verification?expand=x_via_{m}";
    private const string VerifyConfirm = "/api/collections/users/confirm-verification?expand=x_via_{m}";
    private const string Marked = "filter=id%3D'{m}'";

    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";
    private const string Valid = """{"title":"Good title"}""";
    private const string SignUp =
        """{"username":"table_user","email":"t@example.com","password":"12345678","passwordConfirm":"12345678",""";

    private const string Required = "validation_required";
    private const string InvalidType = "hapta_invalid_type";
    private const string ReadOnly = "hapta_read_only";
    private const string Duplicate = "hapta_duplicate_key";
    private const string Control = "hapta_control_character";
    private const string BadSyntax = "hapta_invalid_syntax";
    private const string TooDeep = "hapta_expand_too_deep";
    private const string Unknown = "validation_unknown_field";
    private const string MinText = "validation_min_text_constraint";
    private const string MaxText = "validation_max_text_constraint";
    private const string Format = "validation_invalid_format";
    private const string NoDecimal = "validation_no_decimal_constraint";
    private const string MinNumber = "validation_min_number_constraint";
    private const string MaxNumber = "validation_max_number_constraint";
    private const string InvalidEmail = "validation_invalid_email";
    private const string IsEmail = "validation_is_email";
    private const string EmailDomain = "validation_email_domain_not_allowed";
    private const string InvalidUrl = "validation_invalid_url";
    private const string UrlDomain = "validation_url_domain_not_allowed";
    private const string TooMany = "validation_too_many_values";
    private const string InvalidValue = "validation_invalid_value";
    private const string JsonSize = "validation_json_size_limit";
    private const string MissingRelation = "validation_missing_rel_records";
    private const string Mismatch = "validation_values_mismatch";
    private const string TooLong = "validation_length_too_long";
    private const string LengthInvalid = "validation_length_invalid";
    private const string LengthRange = "validation_length_out_of_range";
    private const string MatchInvalid = "validation_match_invalid";
    private const string TooSmall = "validation_min_greater_equal_than_required";
    private const string TooBig = "validation_max_less_equal_than_required";
    private const string NotWhole = "validation_invalid_number";

    private static readonly string Long73 = new('p', 73);

    /// <summary>Just over the 1 MiB body cap.</summary>
    private static readonly string Oversized = new('x', (1024 * 1024) + 4096);

    private static readonly IReadOnlyList<Case> Table = Build();

    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (var badCase in Table)
            {
                names.Add(badCase.Name);
            }

            return names;
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task BadInput_4xxInErrorShape_NeverReachesPocketBase(string name)
    {
        var run = await Runs.GetValue(fixture, static f => new(() => RunAsync(f)))
            .Value.Within("bad-input table: every case sent, PocketBase's log read", TimeSpan.FromMinutes(5));
        var outcome = run[name];
        var expected = outcome.Case;

        Assert.True(outcome.Answer is not null, $"{name}: no answer from Hapta: {outcome.Failure}");
        if (expected.ByKestrel)
        {
            Assert.True(
                outcome.Answer.Status == expected.Status && outcome.Answer.Text.Length == 0,
                $"{name}: expected Kestrel's bare {expected.Status}: {Shown(outcome)}");
            AssertNeverArrived(outcome);
            return;
        }

        var body = ErrorShape.AssertProblem(outcome.Answer, expected.Status);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["detail"]), $"{name}: no detail: {Shown(outcome)}");
        if (expected.Field is { } field)
        {
            var error = body["data"]![field] as JsonObject;
            Assert.True(error is not null, $"{name}: no data.{field}: {Shown(outcome)}");
            Assert.False(string.IsNullOrEmpty((string?)error["message"]), $"{name}: data.{field} without message");
            if (expected.Code is { } code)
            {
                Assert.True(
                    code == (string?)error["code"], $"{name}: expected data.{field}.code {code}: {Shown(outcome)}");
            }
        }

        AssertNeverArrived(outcome);
    }

    private static void AssertNeverArrived(Outcome outcome)
    {
        var name = outcome.Case.Name;
        Assert.True(outcome.StillServing == 200, $"{name}: the request after it got {outcome.StillServing}");
        Assert.True(
            outcome.Logged.Count == 0,
            $"{name}: PocketBase logged it ({outcome.Marker}):\n{string.Join('\n', outcome.Logged)}\n"
                + $"Hapta: {Shown(outcome)}");
    }

    private static async Task<IReadOnlyDictionary<string, Outcome>> RunAsync(GatewayFixture fixture)
    {
        var prefix = SocialData.Unique("tbl");
        var start = TimeProvider.System.GetUtcNow();
        var outcomes = new List<Outcome>(Table.Count);
        for (var i = 0; i < Table.Count; i++)
        {
            var badCase = Table[i];
            var marker = $"{prefix}c{i.ToString("D3", CultureInfo.InvariantCulture)}";
            var sentAt = TimeProvider.System.GetUtcNow();
            var (answer, failure) = await SendAsync(fixture.Gateway, badCase, marker);
            var answeredAt = TimeProvider.System.GetUtcNow();
            var serving = await StillServingAsync(
                fixture.Gateway, $"{prefix}ok{i.ToString("D3", CultureInfo.InvariantCulture)}");
            outcomes.Add(new Outcome(badCase, marker, answer, failure, serving, sentAt, answeredAt, []));
        }

        var sentinel = prefix + "end";
        await StillServingAsync(fixture.Gateway, sentinel);
        await PocketBaseLog.WaitForAsync(fixture.PocketBase, sentinel);
        var entries = await PocketBaseLog.EntriesAsync(
            fixture.PocketBase, $"created >= '{Stamp(start - TimeSpan.FromSeconds(1))}'");
        foreach (var entry in entries)
        {
            Attribute(entry, prefix, outcomes);
        }

        return outcomes.ToDictionary(static o => o.Case.Name, StringComparer.Ordinal);
    }

    /// <summary>Adds a logged request to its case: by the marker in its URL, else by the time it was logged.</summary>
    private static void Attribute(JsonObject entry, string prefix, List<Outcome> outcomes)
    {
        var data = entry["data"] as JsonObject;
        var url = (string?)data?["url"] ?? "";
        var line = $"{(string?)data?["method"]} {url} -> {(int?)data?["status"]} "
            + $"(auth {(string?)data?["auth"]}, {(string?)entry["created"]}) {(string?)data?["error"]} "
            + $"{data?["details"]?.ToJsonString()}";
        var at = url.IndexOf(prefix + "c", StringComparison.Ordinal);
        if (at >= 0 && url.Length >= at + prefix.Length + 4
            && int.TryParse(
                url.AsSpan(at + prefix.Length + 1, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && index < outcomes.Count)
        {
            outcomes[index].Logged.Add(line);
            return;
        }

        if (url.Contains(prefix, StringComparison.Ordinal) || (string?)data?["auth"] == "admin"
            || url.StartsWith("/api/admins", StringComparison.Ordinal)
            || url.StartsWith("/api/health", StringComparison.Ordinal)
            || url.StartsWith("/api/realtime", StringComparison.Ordinal)
            || !DateTimeOffset.TryParse(
                (string?)entry["created"],
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var created))
        {
            return;
        }

        // A case owns the time from its sending to the next case's; PocketBase may log a moment after it answered.
        for (var i = 0; i < outcomes.Count; i++)
        {
            var end = i + 1 < outcomes.Count
                ? outcomes[i + 1].SentAt
                : outcomes[i].AnsweredAt + TimeSpan.FromSeconds(1);
            if (outcomes[i].SentAt - ClockSlack <= created && created < end - ClockSlack)
            {
                outcomes[i].Logged.Add("(no marker; logged while this case was the latest) " + line);
                return;
            }
        }
    }

    private static async Task<(Answer? Answer, string? Failure)> SendAsync(
        HttpClient gateway,
        Case badCase,
        string marker)
    {
        var path = badCase.Path.Replace("{m}", marker, StringComparison.Ordinal);
        var address = new Uri(gateway.BaseAddress!.GetLeftPart(UriPartial.Authority) + path, RawUri);
        using var request = new HttpRequestMessage(new HttpMethod(badCase.Method), address);
        if (badCase.Body is { } body)
        {
            request.Content = badCase.Chunked
                ? new StreamContent(PipeReader.Create(new ReadOnlySequence<byte>(body)).AsStream())
                : new ByteArrayContent(body);
            if (badCase.ContentType is { } contentType)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        try
        {
            using var response = await gateway.SendAsync(request).Within($"bad-input table: {badCase.Name}");
            return (await Answer.ReadAsync(response), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or TaskCanceledException)
        {
            return (null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static async Task<int> StillServingAsync(HttpClient gateway, string marker)
    {
        try
        {
            var answer = await Exchange.SendAsync(
                gateway, HttpMethod.Get, $"/api/collections/notes/records?perPage=1&filter=id%3D'{marker}'");
            return answer.Status;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or TaskCanceledException)
        {
            return 0;
        }
    }

    private static string Stamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Shown(Outcome outcome) =>
        outcome.Answer is not { } answer ? outcome.Failure ?? "(nothing)"
        : answer.Text.Length <= 700 ? answer.ToString()
        : $"{answer.Status} {answer.Text[..700]}…";

    /// <summary>
    /// One bad request: <c>{m}</c> in <see cref="Path"/> becomes its marker; <see cref="Field"/> and
    /// <see cref="Code"/> name the field error expected in <c>data</c>, where one field is to blame.
    /// <see cref="ByKestrel"/> marks a request the HTTP server itself refuses before any of Hapta's code runs (a NUL
    /// in the path, a request line over its limit): Kestrel answers those with the bare status and no body, as the
    /// README says.
    /// </summary>
    private sealed record Case(
        string Name,
        string Method,
        string Path,
        byte[]? Body,
        string? ContentType,
        int Status,
        string? Field = null,
        string? Code = null,
        bool Chunked = false,
        bool ByKestrel = false);

    private sealed record Outcome(
        Case Case,
        string Marker,
        Answer? Answer,
        string? Failure,
        int StillServing,
        DateTimeOffset SentAt,
        DateTimeOffset AnsweredAt,
        List<string> Logged);
}
