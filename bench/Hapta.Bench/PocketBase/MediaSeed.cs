using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Hapta.Bench.Running;

namespace Hapta.Bench.PocketBase;

/// <summary>
/// W7's files: one record of the <c>media</c> collection (<c>bench/pb_migrations</c>), whose file field is not
/// protected, holding a small file and a large one of random bytes, made anew each run and uploaded as the admin,
/// straight to PocketBase, before any load. The sizes sit on either side of Hapta's default
/// <c>Hapta:Files:CacheMaxFileBytes</c> (1 MiB): Hapta keeps the small file in memory after its first download and
/// streams the large one from PocketBase every time.
/// </summary>
internal static class MediaSeed
{
    public const string Collection = "media";

    public const int SmallLength = 100 * 1024;

    public const int LargeLength = 5 * 1024 * 1024;

    private const string Field = "files";

    public static async Task<MediaRecord> UploadAsync(PocketBaseAdmin admin, CancellationToken cancellationToken)
    {
        var small = RandomNumberGenerator.GetBytes(SmallLength);
        var large = RandomNumberGenerator.GetBytes(LargeLength);
        using var form = new MultipartFormDataContent
        {
            { Part(small), Field, "small.bin" },
            { Part(large), Field, "large.bin" },
        };
        var record = await admin.CreateRecordAsync(Collection, form, cancellationToken);

        // PocketBase keeps the files in the order of the parts and stores each as <name>_<10 random characters>.<ext>.
        var names = record[Field] is JsonArray stored
            ? stored.Select(name => (string?)name ?? "").ToList()
            : [];
        if (names is not [var smallName, var largeName]
            || !smallName.StartsWith("small_", StringComparison.Ordinal)
            || !largeName.StartsWith("large_", StringComparison.Ordinal))
        {
            throw new BenchFailedException(
                $"uploading W7's files: PocketBase stored [{string.Join(", ", names)}], not small_… and large_…");
        }

        return new MediaRecord(
            (string)record["id"]!,
            new MediaFile(smallName, small.Length, Sha256Of(small)),
            new MediaFile(largeName, large.Length, Sha256Of(large)));
    }

    public static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static ByteArrayContent Part(byte[] bytes)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return part;
    }
}
