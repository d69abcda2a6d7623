using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Preprocessing;
using ModelDsl.Runtime.Reporting;

namespace ModelDsl.Runtime.Training;

/// <summary>
/// The checkpoint file: the magic <c>MDSLCKPT</c>, a format version, a length-prefixed UTF-8 JSON
/// <see cref="TrainingState"/> (readable with any tool), then the backend's payload (weights and optimiser state,
/// written by <see cref="ITrainingSession.SaveState"/>). Written atomically: a crash while saving leaves the
/// previous checkpoint intact.
/// </summary>
public static class CheckpointFile
{
    private const int Version = 1;
    private static readonly byte[] Magic = "MDSLCKPT"u8.ToArray();

    public static void Save(string path, TrainingState state, ITrainingSession session)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(session);
        var json = StateToJson(state);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(Magic);
            Span<byte> header = stackalloc byte[8];
            BinaryPrimitives.WriteInt32LittleEndian(header, Version);
            BinaryPrimitives.WriteInt32LittleEndian(header[4..], json.Length);
            stream.Write(header);
            stream.Write(json);
            session.SaveState(stream);
        });
    }

    /// <summary>Loads the session's weights and optimiser state from <paramref name="path"/> and returns the training state.</summary>
    public static TrainingState Load(string path, ITrainingSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Open(path, (state, payload) =>
        {
            try
            {
                session.LoadState(payload);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or ArgumentException or InvalidOperationException)
            {
                throw new DataException($"Checkpoint '{path}' does not fit this model: {ex.Message}", ex) { Path = path };
            }

            return state;
        });
    }

    /// <summary>Reads only the training state (epoch, history, ...) of a checkpoint.</summary>
    public static TrainingState ReadState(string path) => Open(path, (state, _) => state);

    private static TrainingState Open(string path, Func<TrainingState, Stream, TrainingState> withPayload)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DataException($"Checkpoint '{path}' does not exist{DataPaths.DescribeMissing(path)}.") { Path = path };
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

            var length = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
            if (length <= 0 || length > stream.Length - 16)
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

            return withPayload(state, stream);
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
