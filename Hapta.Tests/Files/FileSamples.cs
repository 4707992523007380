using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Hapta.Files.Tests;

/// <summary>
/// File contents made in code: real images that PocketBase (and any sniffer) takes for what they claim to be, and
/// text that only pretends to be one.
/// </summary>
internal static class FileSamples
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>A valid RGB PNG of the given size, filled with one colour.</summary>
    public static byte[] Png(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per sample
        header[9] = 2; // colour type: RGB

        // Every scanline opens with filter byte 0, then its pixels.
        var pixels = new byte[height * (1 + (3 * width))];
        for (var row = 0; row < height; row++)
        {
            var line = pixels.AsSpan(row * (1 + (3 * width)) + 1, 3 * width);
            for (var x = 0; x < width; x++)
            {
                line[3 * x] = 0xC8;
                line[(3 * x) + 1] = 0x1E;
                line[(3 * x) + 2] = 0x3C;
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(pixels);
        }

        using var png = new MemoryStream();
        png.Write(PngSignature);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// A valid baseline JPEG of one 8×8 grey block: every coefficient is zero, so the entropy-coded data is a DC
    /// difference of category 0 and an end-of-block, each given a one-bit Huffman code.
    /// </summary>
    public static byte[] Jpeg()
    {
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        WriteSegment(jpeg, 0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]);
        WriteSegment(jpeg, 0xC0, [0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00]);
        byte[] oneCodeOfLengthOne = [0x01, .. new byte[15], 0x00];
        WriteSegment(jpeg, 0xC4, [0x00, .. oneCodeOfLengthOne]);
        WriteSegment(jpeg, 0xC4, [0x10, .. oneCodeOfLengthOne]);
        WriteSegment(jpeg, 0xDA, [0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        jpeg.Write([0x3F, 0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    /// <summary>Plain text of <paramref name="length"/> bytes; no sniffer takes it for an image.</summary>
    public static byte[] Text(int length)
    {
        var line = Encoding.ASCII.GetBytes("just some text, not an image at all\n");
        var text = new byte[length];
        for (var i = 0; i < length; i++)
        {
            text[i] = line[i % line.Length];
        }

        return text;
    }

    /// <summary><paramref name="length"/> bytes unlike their neighbours, the same for the same seed.</summary>
    public static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary><paramref name="image"/> padded with zeros to <paramref name="length"/> bytes.</summary>
    public static byte[] Padded(byte[] image, int length)
    {
        var padded = new byte[length];
        image.CopyTo(padded, 0);
        return padded;
    }

    /// <summary>The width and height a PNG's IHDR chunk declares.</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.AsSpan().StartsWith(PngSignature), "not a PNG: the signature is missing");
        Assert.True(Encoding.ASCII.GetString(png, 12, 4) == "IHDR", "not a PNG: IHDR is not the first chunk");
        return (
            BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)),
            BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        png.Write(word);
    }

    private static void WriteSegment(Stream jpeg, byte marker, byte[] data)
    {
        jpeg.Write([0xFF, marker, (byte)((data.Length + 2) >> 8), (byte)(data.Length + 2)]);
        jpeg.Write(data);
    }

    /// <summary>The CRC-32 of PNG chunks (ISO 3309, reflected polynomial 0xEDB88320), as in RFC 2083 §15.</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
