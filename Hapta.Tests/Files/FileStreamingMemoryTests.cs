using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Hapta.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hapta.Files.Tests;

/// <summary>
/// Files stream through Hapta and are never held whole (issue #8; DESIGN §3, step 6): a 100 MiB upload and its
/// download pass through a <c>hapta-server</c> process of this test's own while that process's resident memory stays
/// within 64 MiB of where it was. The test does not hold the file either: it is generated while it is sent and hashed
/// while it is received. The figures go to the test output; the bound is on memory, never on time.
/// </summary>
public sealed class FileStreamingMemoryTests(ITestOutputHelper output)
{
    private const long FileLength = 100L * 1024 * 1024;
    private const long GrowthBound = 64L * 1024 * 1024;
    private const ulong Seed = 0x9E3779B97F4A7C15UL;

    private static readonly TimeSpan TransferLimit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Doc100MiB_UploadThenDownload_ServerGrowsLessThan64MiB()
    {
        Assert.True(OperatingSystem.IsLinux(), "the server's memory is read from /proc");
        await using var pocketBase = await PocketBaseProcess.StartAsync()
            .Within("PocketBase start-up", TimeSpan.FromSeconds(60));
        await using var hapta = HaptaProcess.Start(
        [
            .. HaptaProcess.PocketBaseArguments(pocketBase),
            .. HaptaProcess.SiloPortArguments(),
            .. HaptaProcess.RoomyRateLimits(),
            "--Hapta:Files:MaxUploadBytes=268435456",
        ]);
        await hapta.WaitReadyAsync();
        using var client = new HttpClient { BaseAddress = hapta.Http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var owner = await SocialData.SignUpAsync(pocketBase.Http, client).Within("sign up and log in");
        await WarmUpAsync(client, owner);

        ProcessMemory.ResetPeak(hapta.Pid);
        var beforeUpload = ProcessMemory.Read(hapta.Pid);
        using var upload = new PseudoRandomStream(FileLength, Seed);
        var record = await UploadAsync(client, owner, upload).Within("upload 100 MiB", TransferLimit);
        var afterUpload = ProcessMemory.Read(hapta.Pid);

        ProcessMemory.ResetPeak(hapta.Pid);
        var beforeDownload = ProcessMemory.Read(hapta.Pid);
        var (length, sha256) = await DownloadAsync(client, Attachments.FilePath(record, "doc"))
            .Within("download 100 MiB", TransferLimit);
        var afterDownload = ProcessMemory.Read(hapta.Pid);

        var uploadGrowth = afterUpload.PeakBytes - beforeUpload.ResidentBytes;
        var downloadGrowth = afterDownload.PeakBytes - beforeDownload.ResidentBytes;
        output.WriteLine($"upload: peak +{MiB(uploadGrowth)} MiB over {MiB(beforeUpload.ResidentBytes)} MiB");
        output.WriteLine($"download: peak +{MiB(downloadGrowth)} MiB over {MiB(beforeDownload.ResidentBytes)} MiB");
        Assert.Equal(FileLength, length);
        Assert.Equal(Convert.ToHexString(upload.Sha256), Convert.ToHexString(sha256));
        Assert.True(uploadGrowth < GrowthBound, $"upload: the server grew by {MiB(uploadGrowth)} MiB");
        Assert.True(downloadGrowth < GrowthBound, $"download: the server grew by {MiB(downloadGrowth)} MiB");
    }

    /// <summary>
    /// A small upload and download first, so that what runs once (JIT, connection pools, the session, the schema)
    /// is not counted as growth.
    /// </summary>
    private static async Task WarmUpAsync(HttpClient client, TestUser owner)
    {
        using var small = new PseudoRandomStream(256 * 1024, Seed);
        var record = await UploadAsync(client, owner, small).Within("warm-up upload");
        var (length, sha256) = await DownloadAsync(client, Attachments.FilePath(record, "doc"))
            .Within("warm-up download");
        Assert.Equal(small.Length, length);
        Assert.Equal(Convert.ToHexString(small.Sha256), Convert.ToHexString(sha256));
    }

    /// <summary>A new public record of <paramref name="owner"/>, its "doc" read from <paramref name="file"/>.</summary>
    private static async Task<JsonObject> UploadAsync(HttpClient client, TestUser owner, PseudoRandomStream file)
    {
        var part = new SizedStreamContent(file, file.Length);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var form = Attachments.Form(Attachments.Fields(owner, isPublic: true));
        form.Add(part, "doc", "generated.bin");
        using var request = new HttpRequestMessage(HttpMethod.Post, Attachments.Records) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", owner.HaptaToken);

        using var response = await client.SendAsync(request);
        var answer = await Answer.ReadAsync(response);
        return answer.Status == 200 && answer.Json is JsonObject record
            ? record
            : throw new InvalidOperationException($"upload of {file.Length} bytes through Hapta: {answer}");
    }

    /// <summary>Reads the file at <paramref name="path"/> as it arrives: its length and SHA-256.</summary>
    private static async Task<(long Length, byte[] Sha256)> DownloadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"download through Hapta: {(await Answer.ReadAsync(response))}");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        return (length, hash.GetHashAndReset());
    }

    private static string MiB(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture);
}
