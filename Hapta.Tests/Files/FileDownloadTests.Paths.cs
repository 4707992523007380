using System.Runtime.CompilerServices;
using Hapta.Tests.Infrastructure;

namespace Hapta.Files.Tests;

/// <summary>
/// File paths Hapta refuses by their form alone: each is a 404 in the error shape, and PocketBase's request log shows
/// it never arrived. The marker rides in the path itself. As with the upload refusals, the table is sent once and the
/// log read once (<see cref="PathRuns"/>); each path is then its own result.
/// </summary>
public sealed partial class FileDownloadTests
{
    private static readonly ConditionalWeakTable<GatewayFixture, Lazy<Task<IReadOnlyDictionary<string, Refused>>>>
        PathRuns = [];

    /// <summary>
    /// Paths with <c>{r}</c> for a real record id (<c>{r14}</c>: its first 14 characters), <c>{f}</c> for its real
    /// file name and <c>{m}</c> for the marker.
    /// </summary>
    private static readonly IReadOnlyList<(string Name, string Path)> BadPaths =
    [
        ("unknown collection", "/api/files/nosuch{m}/{r}/{f}"),
        ("hidden collection backstage", "/api/files/backstage/{r}/{m}.png"),
        ("record id of 14 characters", "/api/files/attachments/{r14}/{m}.png"),
        ("record id with a dot", "/api/files/attachments/{r14}./{m}.png"),
        ("file name with ..", "/api/files/attachments/{r}/a..{m}.png"),
        ("file name with an escaped space", "/api/files/attachments/{r}/a%20{m}.png"),
        ("file name with an escaped slash", "/api/files/attachments/{r}/a%2F{m}.png"),
    ];

    public static TheoryData<string> PathCases => new(BadPaths.Select(static bad => bad.Name));

    [Theory]
    [MemberData(nameof(PathCases))]
    public async Task Get_RefusedPath_404AndNeverReachesPocketBase(string name)
    {
        var run = await PathRuns.GetValue(fixture, static f => new(() => RunPathsAsync(f)))
            .Value.Within("refused paths: every path sent, PocketBase's log read", TimeSpan.FromMinutes(2));
        var refused = run[name];

        ErrorShape.AssertProblem(refused.Response.Answer, 404);
        PocketBaseWitness.AssertNeverArrived(refused.Logged, refused.Marker, $"{name} ({refused.Path})");
    }

    private static async Task<IReadOnlyDictionary<string, Refused>> RunPathsAsync(GatewayFixture fixture)
    {
        var owner = await fixture.SignUpAsync();
        var record = await Attachments.CreateAsync(fixture.Direct, owner, isPublic: true, FilePart.Png("images"));
        var id = (string)record["id"]!;
        var prefix = SocialData.Unique("path");
        var sent = new List<(string Name, string Path, string Marker, FileResponse Response)>();
        for (var i = 0; i < BadPaths.Count; i++)
        {
            var marker = PocketBaseWitness.Marker(prefix, i);
            var path = BadPaths[i].Path
                .Replace("{r14}", id[..14], StringComparison.Ordinal)
                .Replace("{r}", id, StringComparison.Ordinal)
                .Replace("{f}", Attachments.FileName(record, "images"), StringComparison.Ordinal)
                .Replace("{m}", marker, StringComparison.Ordinal);
            sent.Add((BadPaths[i].Name, path, marker, await FileResponse.SendAsync(fixture.Gateway, path)));
        }

        var logged = await PocketBaseWitness.LoggedAsync(fixture.PocketBase, prefix);
        return sent.ToDictionary(
            static s => s.Name, s => new Refused(s.Path, s.Marker, s.Response, logged), StringComparer.Ordinal);
    }

    private sealed record Refused(string Path, string Marker, FileResponse Response, IReadOnlyList<string> Logged);
}
