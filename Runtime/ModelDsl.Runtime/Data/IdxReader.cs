using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// Reads IDX files (the MNIST / Fashion-MNIST format), gzip-compressed or raw; compression is detected from
/// the gzip magic bytes, not the file name. Every malformed input becomes a <see cref="DataException"/> naming
/// the file and what is wrong or missing.
/// </summary>
/// <remarks>
/// Format: two zero bytes, a type code, the number of dimensions, then one big-endian 32-bit size per
/// dimension, then the elements big-endian in row-major order.
/// </remarks>
public static class IdxReader
{
    /// <summary>
    /// A sanity bound: a header claiming more elements than this (2^30, 4 GB as floats) is corrupt, not big data.
    /// Checked before anything is allocated.
    /// </summary>
    public const long MaxElements = 1L << 30;

    /// <summary>The largest IDX file (compressed or not) that is opened at all.</summary>
    public const long MaxFileBytes = 8L << 30;

    /// <summary>Reads the IDX file at <paramref name="path"/>.</summary>
    public static IdxArray Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new DataException($"IDX file '{path.Replace("\0", "\\0", StringComparison.Ordinal)}' has a NUL character in its path.") { Path = path };
        }

        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new DataException(
                $"IDX file '{path}' does not exist{DataPaths.DescribeMissing(path)}.")
            { Path = path };
        }

        if (InputFiles.Problem(path, MaxFileBytes) is { } problem)
        {
            throw new DataException($"IDX file '{path}' {problem}.") { Path = path };
        }

        try
        {
            using var file = File.OpenRead(path);
            return Read(file, path);
        }
        catch (IOException ex)
        {
            throw new DataException($"IDX file '{path}' could not be read: {ex.Message}", ex) { Path = path };
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new DataException($"IDX file '{path}' could not be opened: {ex.Message}", ex) { Path = path };
        }
    }

    /// <summary>Reads an IDX array from <paramref name="stream"/>; <paramref name="name"/> names it in errors.</summary>
    public static IdxArray Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        // The length of a seekable stream lets a raw file's header be checked against it before allocating.
        long? length = stream.CanSeek ? stream.Length - stream.Position : null;
        var buffered = new BufferedStream(stream, 1 << 16);
        var first = buffered.ReadByte();
        var second = buffered.ReadByte();
        if (first < 0 || second < 0)
        {
            throw Truncated(name, "the 4-byte magic number", 0);
        }

        // Re-assemble the stream so the bytes we peeked at are read again by whichever reader follows.
        var prefix = new byte[] { (byte)first, (byte)second };
        Stream content = new PrefixedStream(prefix, buffered);
        if (first == 0x1F && second == 0x8B)
        {
            content = new GZipStream(content, CompressionMode.Decompress);
        }

        try
        {
            var gzip = first == 0x1F && second == 0x8B;
            return ReadRaw(content, name, gzip, gzip ? null : length);
        }
        catch (InvalidDataException ex)
        {
            throw new DataException(
                $"IDX file '{name}' is not valid gzip data ({ex.Message}); the download may be incomplete — download it again.",
                ex)
            { Path = name };
        }
    }

    private static IdxArray ReadRaw(Stream stream, string name, bool gzip, long? length)
    {
        Span<byte> magic = stackalloc byte[4];
        var got = ReadFully(stream, magic);
        if (got < 4)
        {
            throw Truncated(name, "the 4-byte magic number", got);
        }

        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new DataException(
                $"'{name}' is not an IDX file: it starts with bytes {magic[0]:X2} {magic[1]:X2} " +
                $"but IDX files start with 00 00{(gzip ? string.Empty : " (or 1F 8B when gzip-compressed)")}.")
            { Path = name };
        }

        var type = (IdxDataType)magic[2];
        var elementSize = ElementSize(type);
        if (elementSize == 0)
        {
            throw new DataException(
                $"IDX file '{name}' has unknown element type code 0x{magic[2]:X2}; expected one of 08 (ubyte), " +
                "09 (sbyte), 0B (int16), 0C (int32), 0D (float32), 0E (float64).")
            { Path = name };
        }

        int rank = magic[3];
        if (rank == 0)
        {
            throw new DataException($"IDX file '{name}' declares 0 dimensions; expected at least 1.") { Path = name };
        }

        var header = new byte[rank * 4];
        got = ReadFully(stream, header);
        if (got < header.Length)
        {
            throw Truncated(name, $"the {rank} dimension sizes of the header ({header.Length} bytes)", got);
        }

        var dims = new int[rank];
        long count = 1;
        for (var i = 0; i < rank; i++)
        {
            var size = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(i * 4));
            if (size < 0)
            {
                throw new DataException($"IDX file '{name}' has a negative size {size} for dimension {i}.") { Path = name };
            }

            dims[i] = size;
            count = checked(count * size);
            if (count > MaxElements)
            {
                throw new DataException(
                    $"IDX file '{name}' declares dimensions [{string.Join(", ", dims[..(i + 1)])}{(i + 1 < rank ? ", ..." : string.Empty)}], " +
                    $"more than {MaxElements:N0} elements; the header is corrupt.")
                { Path = name };
            }
        }

        var dataBytes = checked(count * elementSize);
        if (dataBytes > Array.MaxLength)
        {
            throw new DataException(
                $"IDX file '{name}' declares [{string.Join(", ", dims)}] elements of {elementSize} bytes ({dataBytes:N0} bytes of data), " +
                $"more than one array can hold; the header is corrupt.")
            { Path = name };
        }

        var headerBytes = 4 + header.Length;
        if (length is { } fileLength && fileLength - headerBytes < dataBytes)
        {
            // Known before reading: a 12-byte file declaring gigabytes is refused without allocating them.
            throw TruncatedData(name, dims, count, dataBytes, Math.Max(0, fileLength - headerBytes), elementSize);
        }

        if (length is { } longer && longer - headerBytes > dataBytes)
        {
            throw ExtraBytes(name, dims, count);
        }

        // Of unknown length (gzip): grow the buffer as data arrives rather than trusting the header's size.
        var (bytes, dataRead) = ReadAtMost(stream, dataBytes);
        if (dataRead < dataBytes)
        {
            throw TruncatedData(name, dims, count, dataBytes, dataRead, elementSize);
        }

        if (stream.ReadByte() >= 0)
        {
            throw ExtraBytes(name, dims, count);
        }

        return new IdxArray(type, dims, Convert(type, bytes.AsSpan(0, (int)dataRead), (int)count));
    }

    private static (byte[] Buffer, long Length) ReadAtMost(Stream stream, long limit)
    {
        var buffer = new byte[(int)Math.Min(limit, 1 << 20)];
        long total = 0;
        while (total < limit)
        {
            if (total == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(limit, Math.Max(1L << 20, (long)buffer.Length * 2)));
            }

            var n = ReadFully(stream, buffer.AsSpan((int)total, (int)Math.Min(buffer.Length - total, 1 << 20)));
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return (buffer, total);
    }

    private static DataException TruncatedData(string name, int[] dims, long count, long dataBytes, long got, int elementSize)
    {
        var complete = got / (elementSize * Math.Max(1L, count / Math.Max(1, dims[0])));
        return new DataException(
            $"IDX file '{name}' is truncated: its header declares [{string.Join(", ", dims)}] " +
            $"({count} elements, {dataBytes} bytes of data) but only {got} bytes follow " +
            $"({complete} of {dims[0]} complete items). The download may be incomplete — download it again.")
        { Path = name };
    }

    private static DataException ExtraBytes(string name, int[] dims, long count) =>
        new($"IDX file '{name}' has extra bytes after the {count} elements its header declares " +
            $"[{string.Join(", ", dims)}]; the header and data disagree.")
        { Path = name };

    private static int ElementSize(IdxDataType type) => type switch
    {
        IdxDataType.UnsignedByte or IdxDataType.SignedByte => 1,
        IdxDataType.Int16 => 2,
        IdxDataType.Int32 or IdxDataType.Single => 4,
        IdxDataType.Double => 8,
        _ => 0,
    };

    private static float[] Convert(IdxDataType type, ReadOnlySpan<byte> bytes, int count)
    {
        var values = new float[count];
        switch (type)
        {
            case IdxDataType.UnsignedByte:
                for (var i = 0; i < count; i++)
                {
                    values[i] = bytes[i];
                }

                break;
            case IdxDataType.SignedByte:
                for (var i = 0; i < count; i++)
                {
                    values[i] = (sbyte)bytes[i];
                }

                break;
            case IdxDataType.Int16:
                for (var i = 0; i < count; i++)
                {
                    values[i] = BinaryPrimitives.ReadInt16BigEndian(bytes.Slice(i * 2));
                }

                break;
            case IdxDataType.Int32:
                for (var i = 0; i < count; i++)
                {
                    values[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(i * 4));
                }

                break;
            case IdxDataType.Single:
                for (var i = 0; i < count; i++)
                {
                    values[i] = BinaryPrimitives.ReadSingleBigEndian(bytes.Slice(i * 4));
                }

                break;
            default:
                for (var i = 0; i < count; i++)
                {
                    values[i] = (float)BinaryPrimitives.ReadDoubleBigEndian(bytes.Slice(i * 8));
                }

                break;
        }

        return values;
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            int n;
            try
            {
                n = stream.Read(buffer[total..]);
            }
            catch (EndOfStreamException)
            {
                // GZipStream reports a cut-off compressed stream this way on some runtimes; same as truncation.
                break;
            }

            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static DataException Truncated(string name, string what, long got) =>
        new($"IDX file '{name}' is truncated: expected {what} but the file ends after {got} bytes. " +
            "The download may be incomplete — download it again.")
        { Path = name };
}
