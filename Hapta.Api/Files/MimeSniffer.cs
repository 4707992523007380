using System.Text.Unicode;

namespace Hapta.Files;

/// <summary>
/// The type of a file from its first bytes, as far as Hapta can be sure of it. PocketBase sniffs with a larger
/// library and compares against the field's <c>mimeTypes</c>; Hapta refuses early only where the two cannot
/// disagree: a signature that names one type for certain (PNG, JPEG, GIF, WebP, PDF, gzip), or text where the field
/// takes only binary types. Anything else is PocketBase's to judge.
/// </summary>
internal static class MimeSniffer
{
    /// <summary>How many leading bytes the sniffer looks at.</summary>
    public const int SampleSize = 3072;

    /// <summary>What <see cref="Sniff"/> says of text (PocketBase calls it text/plain or another text type).</summary>
    public const string Text = "text";

    private static readonly (byte[] Magic, int Offset, string Type)[] Signatures =
    [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0, "image/png"),
        ([0xFF, 0xD8, 0xFF], 0, "image/jpeg"),
        ("GIF87a"u8.ToArray(), 0, "image/gif"),
        ("GIF89a"u8.ToArray(), 0, "image/gif"),
        ("%PDF-"u8.ToArray(), 0, "application/pdf"),
        ([0x1F, 0x8B, 0x08], 0, "application/gzip"),
    ];

    /// <summary>
    /// What <paramref name="sample"/> certainly is: a type, <see cref="Text"/> for text that no binary signature
    /// claims, or <see langword="null"/> when Hapta cannot tell.
    /// </summary>
    public static string? Sniff(ReadOnlySpan<byte> sample)
    {
        foreach (var (magic, offset, type) in Signatures)
        {
            if (sample.Length >= offset + magic.Length && sample.Slice(offset, magic.Length).SequenceEqual(magic))
            {
                return type;
            }
        }

        if (sample.Length >= 12 && sample[..4].SequenceEqual("RIFF"u8) && sample.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return IsText(sample) ? Text : null;
    }

    /// <summary>
    /// Whether a file sniffed as <paramref name="sniffed"/> is certainly refused by a field that takes only
    /// <paramref name="allowed"/> (an empty list takes anything).
    /// </summary>
    public static bool CertainlyRefused(string? sniffed, IReadOnlyCollection<string> allowed)
    {
        if (sniffed is null || allowed.Count == 0)
        {
            return false;
        }

        if (sniffed == Text)
        {
            // Text may be called text/*, JSON, XML, SVG, a script…: refused only by a field of binary types alone.
            return allowed.All(static type => BinaryOnly(type));
        }

        return !allowed.Contains(sniffed, StringComparer.OrdinalIgnoreCase);
    }

    private static bool BinaryOnly(string type) =>
        type.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
            && !type.Contains("svg", StringComparison.OrdinalIgnoreCase)
        || type.StartsWith("video/", StringComparison.OrdinalIgnoreCase)
        || type.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
        || type is "application/pdf" or "application/zip" or "application/gzip";

    /// <summary>Valid UTF-8 with no control characters but white space: what sniffers call text.</summary>
    private static bool IsText(ReadOnlySpan<byte> sample)
    {
        if (sample.IsEmpty)
        {
            return false;
        }

        // The sample may end inside a character; a cut of up to three bytes is forgiven.
        var whole = sample;
        for (var cut = 0; cut < 4 && whole.Length > 0; cut++)
        {
            if (Utf8.IsValid(whole))
            {
                break;
            }

            whole = whole[..^1];
        }

        if (!Utf8.IsValid(whole) || whole.Length < sample.Length - 3)
        {
            return false;
        }

        foreach (var b in whole)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C))
            {
                return false;
            }
        }

        return true;
    }
}
