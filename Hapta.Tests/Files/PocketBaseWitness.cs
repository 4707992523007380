using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;

namespace Hapta.Files.Tests;

/// <summary>
/// Proves that requests never reached PocketBase. Each request carries a marker in a part of its URL that Hapta would
/// forward as it is (a records query's <c>expand</c> path after its first step, a file path's own segments); all the
/// markers of one run share a prefix. Once every request is answered, a sentinel goes straight to PocketBase, and
/// when its request log shows the sentinel (it writes the log in batches, in order; see <see cref="PocketBaseLog"/>)
/// the log is searched for the prefix.
/// </summary>
internal static class PocketBaseWitness
{
    /// <summary>The marker of request <paramref name="index"/> of a run; no marker begins another.</summary>
    public static string Marker(string prefix, int index) =>
        prefix + "m" + index.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every request PocketBase logged whose URL contains <paramref name="prefix"/>, a line each.</summary>
    public static async Task<IReadOnlyList<string>> LoggedAsync(PocketBaseProcess pocketBase, string prefix)
    {
        var sentinel = prefix + "sentinel";
        using (var response = await pocketBase.Http
            .GetAsync($"{Attachments.Records}?perPage=1&filter={Uri.EscapeDataString($"id='{sentinel}'")}")
            .Within("PocketBase witness: sentinel"))
        {
            Assert.True(response.IsSuccessStatusCode, $"the sentinel was refused: {(int)response.StatusCode}");
        }

        await PocketBaseLog.WaitForAsync(pocketBase, sentinel)
            .Within("PocketBase witness: log", TimeSpan.FromMinutes(1));
        var entries = await PocketBaseLog.EntriesAsync(pocketBase, $"data.url ~ '{prefix}'")
            .Within("PocketBase witness: entries");
        return entries
            .Select(static entry => entry["data"] as JsonObject)
            .Select(static data => $"{(string?)data?["method"]} {(string?)data?["url"]} -> {(int?)data?["status"]}")
            .Where(line => !line.Contains(sentinel, StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>Asserts that no logged line names <paramref name="marker"/>.</summary>
    public static void AssertNeverArrived(IReadOnlyList<string> logged, string marker, string what)
    {
        var seen = logged.Where(line => line.Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.True(seen.Count == 0, $"{what}: PocketBase logged it:\n{string.Join('\n', seen)}");
    }
}
