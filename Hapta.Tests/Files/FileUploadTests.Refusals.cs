using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;

namespace Hapta.Files.Tests;

/// <summary>
/// The uploads Hapta refuses itself: each is a 4xx in the error shape of DESIGN §7 that names the field to blame, and
/// PocketBase's request log shows it never arrived. PocketBase writes that log in batches, so the table is sent once
/// (by the first case to run, <see cref="Runs"/>) and the log read once; each case is then its own result. A request
/// over <c>Hapta:Files:MaxUploadBytes</c> is a 413, tried on a server of its own started with a 2 MB limit.
/// </summary>
public sealed partial class FileUploadTests
{
    private const int MiB = 1024 * 1024;

    private const string MaxUploadBytes = "--Hapta:Files:MaxUploadBytes=2000000";

    private static readonly ConditionalWeakTable<GatewayFixture, Lazy<Task<IReadOnlyDictionary<string, Outcome>>>>
        Runs = [];

    private static readonly IReadOnlyList<Refusal> Table =
    [
        new("create: file under a key that is no field", false, "nosuch", "validation_unknown_field",
            [FilePart.Png("nosuch")]),
        new("create: file under the text field title", false, "title", "hapta_invalid_type",
            [FilePart.Png("title")]),
        new("create: three images where two at most are allowed", false, "images", "validation_too_many_values",
            [FilePart.Png("images"), FilePart.Png("images", 20, 20), FilePart.Png("images", 30, 30)]),
        new("create: image of 1 MiB and one byte", false, "images", "validation_file_size_limit",
            [new FilePart("images", "big.png", "image/png", FileSamples.Padded(FileSamples.Png(10, 10), MiB + 1))]),
        new("create: text named x.png sent as image/png", false, "images", "validation_invalid_mime_type",
            [new FilePart("images", "x.png", "image/png", FileSamples.Text(2000))]),
        new("create: title of 101 characters next to a good image", false, "title", "validation_max_text_constraint",
            [FilePart.Png("images")], Title: new string('t', 101)),
        new("update: file under a key that is no field", true, "nosuch", "validation_unknown_field",
            [FilePart.Png("nosuch")]),
        new("update: three images where two at most are allowed", true, "images", "validation_too_many_values",
            [FilePart.Png("images"), FilePart.Png("images", 20, 20), FilePart.Png("images", 30, 30)]),
        new("update: secret of 1 MiB and one byte", true, "secret", "validation_file_size_limit",
            [new FilePart("secret", "big.txt", "text/plain", FileSamples.Text(MiB + 1))]),
        new("update: text named x.png sent as image/png", true, "images", "validation_invalid_mime_type",
            [new FilePart("images", "x.png", "image/png", FileSamples.Text(2000))]),
    ];

    public static TheoryData<string> Refusals => new(Table.Select(static refusal => refusal.Name));

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Upload_Refused_FieldErrorAndNeverReachesPocketBase(string name)
    {
        var run = await Runs.GetValue(fixture, static f => new(() => RunAsync(f)))
            .Value.Within("upload refusals: every case sent, PocketBase's log read", TimeSpan.FromMinutes(3));
        var outcome = run[name];
        var refusal = outcome.Refusal;

        var body = ErrorShape.AssertProblem(outcome.Answer, 400);
        var error = body["data"]![refusal.Field] as JsonObject;
        Assert.True(error is not null, $"{name}: no data.{refusal.Field}: {outcome.Answer}");
        Assert.True(
            refusal.Code == (string?)error["code"],
            $"{name}: expected data.{refusal.Field}.code {refusal.Code}: {outcome.Answer}");
        Assert.False(string.IsNullOrEmpty((string?)error["message"]), $"{name}: data.{refusal.Field} has no message");
        PocketBaseWitness.AssertNeverArrived(outcome.Logged, outcome.Marker, name);
    }

    [Fact]
    public async Task Create_OverMaxUploadBytes_413AndNeverReachesPocketBase()
    {
        await using var hapta = await InProcessHapta.StartAsync(fixture.PocketBase, MaxUploadBytes);
        var owner = await SocialData.SignUpAsync(fixture.Direct, hapta.Http).Within("sign up and log in");
        var prefix = SocialData.Unique("cap");
        var marker = PocketBaseWitness.Marker(prefix, 0);
        using var small = Attachments.Form(Attachments.Fields(owner, isPublic: false), Doc(1_000_000));
        using var large = Attachments.Form(Attachments.Fields(owner, isPublic: false), Doc(3_000_000));

        var under = await Attachments.SendAsync(
            hapta.Http, HttpMethod.Post, Attachments.Records, owner.HaptaToken, small);
        var over = await SendOrExplainAsync(hapta.Http, $"{Attachments.Records}?expand=owner.{marker}", owner, large);
        var logged = await PocketBaseWitness.LoggedAsync(fixture.PocketBase, prefix);

        Assert.True(under.Status == 200, $"a 1 MB upload under the 2 MB limit: {under}");
        ErrorShape.AssertProblem(over, 413);
        PocketBaseWitness.AssertNeverArrived(logged, marker, "a 3 MB upload over the 2 MB limit");
    }

    /// <remarks>
    /// A chunked body declares no length, so Hapta can only count as it reads and refuse on the way. Kestrel closes
    /// the connection after that refusal while the client may still be sending, and then HttpClient sometimes reports
    /// the failed send instead of the answer already on its way (RFC 9112 §9.6 describes the race). So a 413 is
    /// required only when an answer arrives; that PocketBase never sees the upload is required always.
    /// </remarks>
    [Fact]
    public async Task Create_ChunkedOverMaxUploadBytes_NeverReachesPocketBase()
    {
        await using var hapta = await InProcessHapta.StartAsync(fixture.PocketBase, MaxUploadBytes);
        var owner = await SocialData.SignUpAsync(fixture.Direct, hapta.Http).Within("sign up and log in");
        var prefix = SocialData.Unique("chunk");
        var marker = PocketBaseWitness.Marker(prefix, 0);
        using var unsized = Attachments.Form(Attachments.Fields(owner, isPublic: false));
        unsized.Add(new StreamContent(new PseudoRandomStream(3_000_000, seed: 7)), "doc", "large.bin");
        Assert.Null(unsized.Headers.ContentLength);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Attachments.Records}?expand=owner.{marker}")
        {
            Content = unsized,
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", owner.HaptaToken);

        Answer? over = null;
        try
        {
            using var response = await hapta.Http.SendAsync(request).Within("POST chunked, over the limit");
            over = await Answer.ReadAsync(response);
        }
        catch (HttpRequestException ex)
        {
            output.WriteLine($"no answer, the connection closed while sending: {ex.Message}");
        }

        var logged = await PocketBaseWitness.LoggedAsync(fixture.PocketBase, prefix);

        if (over is not null)
        {
            ErrorShape.AssertProblem(over, 413);
        }

        PocketBaseWitness.AssertNeverArrived(logged, marker, "a chunked 3 MB upload over the 2 MB limit");
    }

    private static async Task<IReadOnlyDictionary<string, Outcome>> RunAsync(GatewayFixture fixture)
    {
        var owner = await fixture.SignUpAsync();
        var record = await Attachments.CreateAsync(fixture.Direct, owner, isPublic: false);
        var prefix = SocialData.Unique("upl");
        var outcomes = new List<Outcome>(Table.Count);
        for (var i = 0; i < Table.Count; i++)
        {
            var refusal = Table[i];
            var marker = PocketBaseWitness.Marker(prefix, i);
            List<(string Name, string Value)> fields = refusal.Update ? [] : [("owner", owner.Id), ("public", "false")];
            if (refusal.Title is { } title)
            {
                fields.Add(("title", title));
            }

            using var form = Attachments.Form(fields, [.. refusal.Files]);
            var path = refusal.Update ? $"{Attachments.Records}/{record["id"]}" : Attachments.Records;
            var method = refusal.Update ? HttpMethod.Patch : HttpMethod.Post;
            var answer = await Attachments.SendAsync(
                fixture.Gateway, method, $"{path}?expand=owner.{marker}", owner.HaptaToken, form);
            outcomes.Add(new Outcome(refusal, marker, answer, []));
        }

        var logged = await PocketBaseWitness.LoggedAsync(fixture.PocketBase, prefix);
        return outcomes.ToDictionary(
            static o => o.Refusal.Name, o => o with { Logged = logged }, StringComparer.Ordinal);
    }

    private static FilePart Doc(int length) =>
        new("doc", $"doc-{length}.bin", "application/octet-stream", FileSamples.Text(length));

    /// <summary>
    /// Sends an upload that Hapta should refuse before it has read all of it. A client that is still sending when the
    /// refusal comes must get the refusal, not a reset connection, so a reset fails the test with that said.
    /// </summary>
    private static async Task<Answer> SendOrExplainAsync(
        HttpClient client,
        string path,
        TestUser user,
        HttpContent form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.HaptaToken);
        try
        {
            using var response = await client.SendAsync(request).Within($"POST {path} (over the limit)");
            return await Answer.ReadAsync(response);
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException(
                $"the upload over the limit got no answer, the connection failed: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// An upload Hapta must refuse: a create (with the owner and, when given, <see cref="Title"/>) or an update of
    /// one record, carrying <see cref="Files"/>; <see cref="Field"/> and <see cref="Code"/> name the expected error.
    /// </summary>
    private sealed record Refusal(
        string Name,
        bool Update,
        string Field,
        string Code,
        IReadOnlyList<FilePart> Files,
        string? Title = null);

    private sealed record Outcome(Refusal Refusal, string Marker, Answer Answer, IReadOnlyList<string> Logged);
}
