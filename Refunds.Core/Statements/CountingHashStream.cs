using System.Security.Cryptography;

namespace Refunds.Core.Statements;

/// <summary>
/// Reads another stream through, hashing what passes (SHA-256) and refusing to go past a size limit,
/// so a statement is hashed and bounded while it is parsed, never held whole in memory.
/// </summary>
internal sealed class CountingHashStream(Stream inner, long maxBytes) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _read;

    /// <summary>The SHA-256 of everything read so far, as lower-case hex.</summary>
    public string Sha256 => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override int Read(byte[] buffer, int offset, int count) => Counted(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Counted(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Counted(ReadOnlySpan<byte> read)
    {
        _read += read.Length;
        if (_read > maxBytes)
            throw new RuleViolation(ErrorCode.PayloadTooLarge, $"The statement file is larger than {maxBytes} bytes (Statements:MaxFileBytes).");
        _hash.AppendData(read);
        return read.Length;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _hash.Dispose();
        base.Dispose(disposing);
    }
}
