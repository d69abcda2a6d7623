using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using ModelDsl.Runtime.Reporting;

namespace ModelDsl.Runtime.Weights;

/// <summary>
/// Reads and writes the safetensors format (huggingface/safetensors): an 8-byte little-endian header length, a JSON
/// header mapping each tensor name to <c>{"dtype", "shape", "data_offsets": [begin, end]}</c> (plus an optional
/// <c>__metadata__</c> map of strings), then the raw little-endian data. ModelDsl writes float32 (<c>F32</c>) and
/// reads every float and integer type (converted to float32), so files written by PyTorch load as they are.
/// </summary>
/// <remarks>
/// The reader trusts nothing in the file: the header size is bounded (<see cref="MaxHeaderBytes"/>) and checked against
/// the file's length before it is read, every entry's shape and offsets are checked against its dtype and the data
/// section before any tensor is allocated, and overlapping tensors are refused. Every problem is a
/// <see cref="WeightFileException"/> naming the file and the first offending key.
/// </remarks>
public static class SafetensorsFile
{
    /// <summary>The largest JSON header accepted (the reference implementation's limit): 100 MB.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>The key of the optional string-to-string metadata map.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>Reads every tensor of the file (as float32), in the order of their data.</summary>
    /// <exception cref="WeightFileException">The file is missing, truncated or malformed.</exception>
    public static IReadOnlyList<WeightTensor> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Data.InputFiles.Problem(path, long.MaxValue) is { } problem)
        {
            throw new WeightFileException(path.Replace("\0", "\\0", StringComparison.Ordinal), null, "the weight file " + problem);
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Read(stream, path);
        }
        catch (FileNotFoundException e)
        {
            throw new WeightFileException(path, null, "the weight file does not exist", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new WeightFileException(path, null, "the weight file's folder does not exist", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new WeightFileException(path, null, "the weight file cannot be read: " + e.Message, e);
        }
    }

    /// <summary>Reads every tensor from a seekable stream; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<WeightTensor> Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        var entries = ReadHeader(stream, source, out var dataStart);
        var tensors = new List<WeightTensor>(entries.Count);
        foreach (var entry in entries)
        {
            tensors.Add(new WeightTensor(entry.Name, entry.Shape, ReadValues(stream, source, dataStart, entry)));
        }

        return tensors;
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> as float32, in the given order, atomically (a temporary file renamed over
    /// <paramref name="path"/>, so a crash leaves the old file or the complete new one).
    /// </summary>
    public static void Write(string path, IEnumerable<WeightTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var list = tensors.ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tensor in list)
        {
            if (tensor.Name == MetadataKey || !names.Add(tensor.Name))
            {
                throw new ArgumentException($"the tensor name '{tensor.Name}' is reserved or appears twice", nameof(tensors));
            }

            if (tensor.Values.LongLength != ElementCount(tensor.Shape))
            {
                throw new ArgumentException($"the tensor '{tensor.Name}' {WeightTensor.Describe(tensor.Shape)} holds {tensor.Values.Length} values", nameof(tensors));
            }
        }

        var header = Header(list, metadata);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var tensor in list)
            {
                WriteValues(stream, tensor.Values);
            }
        });
    }

    private static byte[] Header(List<WeightTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var tensor in tensors)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (var d in tensor.Shape)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += tensor.Values.LongLength * sizeof(float);
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        // The data starts 8-byte aligned, as the reference implementation writes it: the header is padded with spaces.
        var bytes = buffer.ToArray();
        var padded = (bytes.Length + 7) / 8 * 8;
        var header = new byte[padded];
        bytes.CopyTo(header, 0);
        header.AsSpan(bytes.Length).Fill((byte)' ');
        return header;
    }

    private static void WriteValues(Stream stream, float[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }

        var bytes = new byte[4];
        foreach (var value in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
            stream.Write(bytes);
        }
    }

    private static List<SafetensorsEntry> ReadHeader(Stream stream, string source, out long dataStart)
    {
        var fileLength = stream.Length;
        if (fileLength < 8)
        {
            throw new WeightFileException(source, null, $"not a safetensors file: it holds {fileLength} bytes, fewer than the 8-byte header length");
        }

        Span<byte> prefix = stackalloc byte[8];
        stream.Position = 0;
        stream.ReadExactly(prefix);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength < 2 || headerLength > MaxHeaderBytes)
        {
            throw new WeightFileException(source, null, $"not a safetensors file: the header length is {headerLength} bytes (a header holds 2 to {MaxHeaderBytes:N0} bytes)");
        }

        if ((long)headerLength > fileLength - 8)
        {
            throw new WeightFileException(source, null, $"truncated: the header claims {headerLength} bytes but only {fileLength - 8} follow");
        }

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        dataStart = 8 + (long)headerLength;
        var dataLength = fileLength - dataStart;

        if (!System.Text.Unicode.Utf8.IsValid(header))
        {
            // JsonDocument would accept it and throw InvalidOperationException later, reading a name.
            throw new WeightFileException(source, null, "the header is not valid UTF-8 text");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new WeightFileException(source, null, "the header is not valid JSON: " + e.Message, e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new WeightFileException(source, null, $"the header is a JSON {document.RootElement.ValueKind}, not an object of tensors");
            }

            var entries = new List<SafetensorsEntry>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    throw new WeightFileException(source, property.Name, "the header names this tensor twice");
                }

                if (property.Name == MetadataKey)
                {
                    CheckMetadata(source, property.Value);
                    continue;
                }

                entries.Add(ReadEntry(source, property.Name, property.Value, dataLength));
            }

            entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
            for (var i = 1; i < entries.Count; i++)
            {
                if (entries[i].Begin < entries[i - 1].End)
                {
                    throw new WeightFileException(source, entries[i].Name, $"data_offsets [{entries[i].Begin}, {entries[i].End}] overlap those of '{entries[i - 1].Name}' [{entries[i - 1].Begin}, {entries[i - 1].End}]");
                }
            }

            return entries;
        }
    }

    private static void CheckMetadata(string source, JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object || metadata.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            throw new WeightFileException(source, MetadataKey, "the metadata must be an object of strings");
        }
    }

    private static SafetensorsEntry ReadEntry(string source, string name, JsonElement value, long dataLength)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new WeightFileException(source, name, $"the header entry is a JSON {value.ValueKind}, not {{\"dtype\", \"shape\", \"data_offsets\"}}");
        }

        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw new WeightFileException(source, name, "the header entry has no \"dtype\" string");
        }

        var dtype = ParseDType(dtypeElement.GetString()!) ?? throw new WeightFileException(source, name, $"unsupported dtype \"{dtypeElement.GetString()}\" (readable: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL)");
        var shape = ReadLongs(source, name, value, "shape", length: null);
        var offsets = ReadLongs(source, name, value, "data_offsets", length: 2);
        long bytes;
        try
        {
            bytes = checked(ElementCount(shape) * ElementSize(dtype));
        }
        catch (OverflowException)
        {
            throw new WeightFileException(source, name, $"the shape {WeightTensor.Describe(shape)} is too large");
        }

        var (begin, end) = (offsets[0], offsets[1]);
        if (end < begin)
        {
            throw new WeightFileException(source, name, $"data_offsets [{begin}, {end}] end before they begin");
        }

        if (end > dataLength)
        {
            throw new WeightFileException(source, name, $"data_offsets [{begin}, {end}] reach past the end of the data ({dataLength} bytes): the file is truncated or its header lies");
        }

        if (end - begin != bytes)
        {
            throw new WeightFileException(source, name, $"data_offsets [{begin}, {end}] span {end - begin} bytes but {dtype} {WeightTensor.Describe(shape)} needs {bytes}");
        }

        if (ElementCount(shape) > Array.MaxLength)
        {
            throw new WeightFileException(source, name, $"the shape {WeightTensor.Describe(shape)} holds more elements than one array can");
        }

        return new SafetensorsEntry(name, dtype, shape, begin, end);
    }

    private static long[] ReadLongs(string source, string name, JsonElement value, string property, int? length)
    {
        if (!value.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new WeightFileException(source, name, $"the header entry has no \"{property}\" array");
        }

        var result = new List<long>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var number) || number < 0)
            {
                throw new WeightFileException(source, name, $"\"{property}\" holds {item.GetRawText()}, not a non-negative integer");
            }

            result.Add(number);
            if (result.Count > 64)
            {
                throw new WeightFileException(source, name, $"\"{property}\" has more than 64 entries");
            }
        }

        if (length is { } expected && result.Count != expected)
        {
            throw new WeightFileException(source, name, $"\"{property}\" has {result.Count} entries instead of {expected}");
        }

        return result.ToArray();
    }

    private static float[] ReadValues(Stream stream, string source, long dataStart, SafetensorsEntry entry)
    {
        var count = (int)ElementCount(entry.Shape);
        var values = new float[count];
        stream.Position = dataStart + entry.Begin;
        try
        {
            if (entry.DType == SafetensorsDType.F32 && BitConverter.IsLittleEndian)
            {
                stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
                return values;
            }

            // Other types are converted in chunks, so a large tensor never needs a second full-size buffer.
            var size = ElementSize(entry.DType);
            var chunk = new byte[Math.Max(size, 1 << 16) / size * size];
            var done = 0;
            while (done < count)
            {
                var n = Math.Min(count - done, chunk.Length / size);
                stream.ReadExactly(chunk, 0, n * size);
                for (var i = 0; i < n; i++)
                {
                    values[done + i] = Convert(entry.DType, chunk.AsSpan(i * size, size));
                }

                done += n;
            }

            return values;
        }
        catch (EndOfStreamException e)
        {
            throw new WeightFileException(source, entry.Name, "the file ends inside this tensor's data", e);
        }
    }

    private static float Convert(SafetensorsDType dtype, ReadOnlySpan<byte> bytes) => dtype switch
    {
        SafetensorsDType.F64 => (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes),
        SafetensorsDType.F32 => BinaryPrimitives.ReadSingleLittleEndian(bytes),
        SafetensorsDType.F16 => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes),
        SafetensorsDType.BF16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes) << 16),
        SafetensorsDType.I64 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        SafetensorsDType.I32 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
        SafetensorsDType.I16 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
        SafetensorsDType.I8 => (sbyte)bytes[0],
        SafetensorsDType.U8 => bytes[0],
        _ => bytes[0] == 0 ? 0f : 1f,
    };

    private static SafetensorsDType? ParseDType(string text) => text switch
    {
        "F64" => SafetensorsDType.F64,
        "F32" => SafetensorsDType.F32,
        "F16" => SafetensorsDType.F16,
        "BF16" => SafetensorsDType.BF16,
        "I64" => SafetensorsDType.I64,
        "I32" => SafetensorsDType.I32,
        "I16" => SafetensorsDType.I16,
        "I8" => SafetensorsDType.I8,
        "U8" => SafetensorsDType.U8,
        "BOOL" => SafetensorsDType.Bool,
        _ => null,
    };

    private static int ElementSize(SafetensorsDType dtype) => dtype switch
    {
        SafetensorsDType.F64 or SafetensorsDType.I64 => 8,
        SafetensorsDType.F32 or SafetensorsDType.I32 => 4,
        SafetensorsDType.F16 or SafetensorsDType.BF16 or SafetensorsDType.I16 => 2,
        _ => 1,
    };

    private static long ElementCount(long[] shape)
    {
        long count = 1;
        foreach (var d in shape)
        {
            count = checked(count * d);
        }

        return count;
    }
}
