using System.Security.Cryptography;

namespace Hapta.Files.Tests;

/// <summary>
/// A read-only stream of <see cref="Length"/> deterministic pseudo-random bytes (xorshift64*), made as they are read
/// and hashed on the way, so that a test can upload 100 MiB without ever holding them.
/// </summary>
internal sealed class PseudoRandomStream : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly long _length;
    private ulong _state;
    private ulong _word;
    private long _position;
    private byte[]? _sha256;

    public PseudoRandomStream(long length, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfZero(seed);
        _length = length;
        _state = seed;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>The SHA-256 of every byte, once all of them have been read.</summary>
    public byte[] Sha256 =>
        _sha256 ?? throw new InvalidOperationException($"only {_position} of {_length} bytes have been read");

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, _length - _position);
        var bytes = buffer[..count];
        for (var i = 0; i < bytes.Length; i++, _position++)
        {
            if ((_position & 7) == 0)
            {
                _state ^= _state >> 12;
                _state ^= _state << 25;
                _state ^= _state >> 27;
                _word = _state * 0x2545F4914F6CDD1DUL;
            }

            bytes[i] = (byte)(_word >> (int)(8 * (_position & 7)));
        }

        _hash.AppendData(bytes);
        if (_position == _length && _sha256 is null)
        {
            _sha256 = _hash.GetHashAndReset();
        }

        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
