using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Security.Cryptography;
using System.Text.Json;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Preprocessing;
using ModelDsl.Runtime.Reporting;

namespace ModelDsl.Runtime.Training;

/// <summary>
/// The checkpoint file: the magic <c>MDSLCKPT</c>, a format version, a length-prefixed UTF-8 JSON
/// <see cref="TrainingState"/> (readable with any tool), then named, length-prefixed sections written by the backend's
/// <see cref="ITrainingSession.SaveState"/>: <c>state</c> (weights and optimiser state) and, when a callback keeps
/// weights of an earlier epoch (early stopping's best), one section per such snapshot, and last a SHA-256 of every byte
/// before it, so a damaged or edited file (training state included) is refused as corrupt. Written atomically: a crash while saving leaves the
/// previous checkpoint intact.
/// </summary>
public static class CheckpointFile
{
    private const int Version = 2;
    private const int ChecksumBytes = 32;
    private const string StateSection = "state";
    private const string SnapshotPrefix = "weights:";
    private static readonly byte[] Magic = "MDSLCKPT"u8.ToArray();

    public static void Save(string path, TrainingState state, ITrainingSession session, IReadOnlyDictionary<string, object>? weightSnapshots = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(session);
        var json = StateToJson(state);
        weightSnapshots ??= new Dictionary<string, object>();
        AtomicFile.Write(path, stream =>
        {
            stream.Write(Magic);
            Span<byte> header = stackalloc byte[8];
            BinaryPrimitives.WriteInt32LittleEndian(header, Version);
            BinaryPrimitives.WriteInt32LittleEndian(header[4..], json.Length);
            stream.Write(header);
            stream.Write(json);
            WriteSection(stream, StateSection, session.SaveState);
            if (weightSnapshots.Count > 0)
            {
                // Extra weights (early stopping's best) are saved through the same backend format: put them in the
                // session for a moment, save, and put the current weights back.
                var current = session.SnapshotWeights();
                try
                {
                    foreach (var (key, snapshot) in weightSnapshots)
                    {
                        session.RestoreWeights(snapshot);
                        WriteSection(stream, SnapshotPrefix + key, session.SaveState);
                    }
                }
                finally
                {
                    session.RestoreWeights(current);
                }
            }

            stream.Flush();
            var end = stream.Position;
            stream.Position = 0;
            var checksum = SHA256.HashData(new BoundedStream(stream, end));
            stream.Position = end;
            stream.Write(checksum);
        });
    }

    /// <summary>Loads the session's weights and optimiser state from <paramref name="path"/> and returns the training state.</summary>
    public static TrainingState Load(string path, ITrainingSession session) => Load(path, session, out _);

    /// <summary>
    /// As <see cref="Load(string, ITrainingSession)"/>, also returning the extra weight snapshots the checkpoint holds
    /// (by key, as <see cref="ITrainingSession.SnapshotWeights"/> objects of this session).
    /// </summary>
    public static TrainingState Load(string path, ITrainingSession session, out IReadOnlyDictionary<string, object> weightSnapshots)
    {
        ArgumentNullException.ThrowIfNull(session);
        var snapshots = new Dictionary<string, object>();
        var result = Open(path, (state, payload, payloadEnd) =>
        {
            var sections = new List<(string Key, long Offset, long Length)>();
            var lengthBytes = new byte[8];
            while (payload.Position < payloadEnd)
            {
                var key = ReadKey(payload, path);
                payload.ReadExactly(lengthBytes);
                var length = BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
                if (length < 0 || length > payloadEnd - payload.Position)
                {
                    throw new DataException($"Checkpoint '{path}' is truncated (section '{key}' declares {length} bytes).") { Path = path };
                }

                sections.Add((key, payload.Position, length));
                payload.Seek(length, SeekOrigin.Current);
            }

            if (!sections.Exists(s => s.Key == StateSection))
            {
                throw new DataException($"Checkpoint '{path}' has no model state.") { Path = path };
            }

            // Snapshots first (each passes through the session), the current state last.
            foreach (var (key, offset, length) in sections.Where(s => s.Key != StateSection).Append(sections.First(s => s.Key == StateSection)))
            {
                payload.Position = offset;
                try
                {
                    session.LoadState(new BoundedStream(payload, length));
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or ArgumentException or InvalidOperationException)
                {
                    throw new DataException($"Checkpoint '{path}' does not fit this model: {ex.Message}", ex) { Path = path };
                }

                if (key.StartsWith(SnapshotPrefix, StringComparison.Ordinal))
                {
                    snapshots[key[SnapshotPrefix.Length..]] = session.SnapshotWeights();
                }
            }

            return state;
        });
        weightSnapshots = snapshots;
        return result;
    }

    /// <summary>Whether <paramref name="path"/> is an existing file that starts like a ModelDsl checkpoint (MDSLCKPT).</summary>
    public static bool IsCheckpoint(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[8];
            return stream.ReadAtLeast(magic, 8, throwOnEndOfStream: false) == 8 && magic.SequenceEqual(Magic);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Reads only the training state (epoch, history, ...) of a checkpoint.</summary>
    public static TrainingState ReadState(string path) => Open(path, (state, _, _) => state);

    private static TrainingState Open(string path, Func<TrainingState, Stream, long, TrainingState> withPayload)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DataException($"Checkpoint '{path}' does not exist{DataPaths.DescribeMissing(path)}.") { Path = path };
        }

        if (InputFiles.Problem(path, long.MaxValue) is { } problem)
        {
            throw new DataException($"Checkpoint '{path}' {problem}.") { Path = path };
        }

        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> header = stackalloc byte[16];
            if (stream.ReadAtLeast(header, 16, throwOnEndOfStream: false) < 16 || !header[..8].SequenceEqual(Magic))
            {
                throw new DataException($"'{path}' is not a ModelDsl checkpoint (it does not start with MDSLCKPT).") { Path = path };
            }

            var version = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
            if (version != Version)
            {
                throw new DataException($"Checkpoint '{path}' has format version {version}; this runtime reads version {Version}.") { Path = path };
            }

            // The checksum covers everything, the training state included: checked before any of it is trusted.
            var payloadEnd = stream.Length - ChecksumBytes;
            if (payloadEnd < 16)
            {
                throw new DataException($"Checkpoint '{path}' is truncated (it has no checksum).") { Path = path };
            }

            stream.Position = 0;
            var actual = SHA256.HashData(new BoundedStream(stream, payloadEnd));
            var stored = new byte[ChecksumBytes];
            stream.Position = payloadEnd;
            stream.ReadExactly(stored);
            if (!actual.AsSpan().SequenceEqual(stored))
            {
                throw new DataException(
                    $"Checkpoint '{path}' is corrupt: its SHA-256 checksum does not match its content (the file was damaged or edited after it was saved). Use an earlier checkpoint or train from the start.")
                { Path = path };
            }

            stream.Position = 16;
            var length = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
            if (length <= 0 || length > payloadEnd - 16)
            {
                throw new DataException($"Checkpoint '{path}' is truncated (its header declares {length} bytes of state).") { Path = path };
            }

            var json = new byte[length];
            stream.ReadExactly(json);
            TrainingState state;
            try
            {
                state = StateFromJson(json);
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                throw new DataException($"Checkpoint '{path}' has a corrupt training state: {ex.Message}", ex) { Path = path };
            }

            return withPayload(state, stream, payloadEnd);
        }
        catch (EndOfStreamException ex)
        {
            throw new DataException($"Checkpoint '{path}' is truncated.", ex) { Path = path };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"Checkpoint '{path}' could not be read: {ex.Message}", ex) { Path = path };
        }
    }

    internal static byte[] StateToJson(TrainingState state)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("epochs_completed", state.EpochsCompleted);
            json.WriteNumber("global_step", state.GlobalStep);
            json.WriteNumber("seed", state.Seed);
            json.WriteNumber("base_learning_rate", state.BaseLearningRate);
            json.WritePropertyName("history");
            state.History.WriteJson(json);
            json.WriteStartObject("callbacks");
            foreach (var (key, values) in state.CallbackStates)
            {
                json.WriteStartObject(key);
                foreach (var (name, value) in values)
                {
                    // JSON has no infinities; a best value of ±inf means "none yet".
                    if (double.IsFinite(value))
                    {
                        json.WriteNumber(name, value);
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartArray("normalizers");
            foreach (var normalizer in state.Normalizers)
            {
                json.WriteStartObject();
                WriteArray(json, "shift", normalizer.Shift);
                WriteArray(json, "multiplier", normalizer.Multiplier);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    internal static TrainingState StateFromJson(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        var callbacks = new Dictionary<string, IReadOnlyDictionary<string, double>>();
        foreach (var callback in root.GetProperty("callbacks").EnumerateObject())
        {
            callbacks[callback.Name] = callback.Value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        }

        var normalizers = root.GetProperty("normalizers").EnumerateArray()
            .Select(n => new Normalizer(ReadArray(n.GetProperty("shift")), ReadArray(n.GetProperty("multiplier"))))
            .ToList();
        return new TrainingState(
            root.GetProperty("epochs_completed").GetInt32(),
            root.GetProperty("global_step").GetInt64(),
            root.GetProperty("seed").GetInt32(),
            root.GetProperty("base_learning_rate").GetDouble(),
            History.FromJson(root.GetProperty("history")),
            callbacks,
            normalizers);
    }

    private static void WriteSection(Stream stream, string key, Action<Stream> write)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(number, keyBytes.Length);
        stream.Write(number[..4]);
        stream.Write(keyBytes);
        var lengthAt = stream.Position;
        stream.Write(new byte[8]);
        var start = stream.Position;
        write(stream);
        var end = stream.Position;
        stream.Position = lengthAt;
        BinaryPrimitives.WriteInt64LittleEndian(number, end - start);
        stream.Write(number);
        stream.Position = end;
    }

    private static string ReadKey(Stream payload, string path)
    {
        Span<byte> number = stackalloc byte[4];
        payload.ReadExactly(number);
        var length = BinaryPrimitives.ReadInt32LittleEndian(number);
        if (length is < 0 or > 1024)
        {
            throw new DataException($"Checkpoint '{path}' is corrupt (a section name of {length} bytes).") { Path = path };
        }

        var key = new byte[length];
        payload.ReadExactly(key);
        return Encoding.UTF8.GetString(key);
    }

    private static void WriteArray(Utf8JsonWriter json, string name, double[] values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteNumberValue(v);
        }

        json.WriteEndArray();
    }

    private static double[] ReadArray(JsonElement element) => [.. element.EnumerateArray().Select(e => e.GetDouble())];
}
