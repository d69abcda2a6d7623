using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using ModelDsl.Runtime.Cpu.Modules;
using ModelDsl.Runtime.Cpu.Optim;

namespace ModelDsl.Runtime.Cpu.State;

/// <summary>
/// Saves and loads training state (parameters, buffers, optimiser state, metadata such as epoch and schedule
/// state) in the versioned, checksummed binary format described in STATE_FORMAT.md. Files are written
/// atomically; loading validates everything before changing the model, so a bad file leaves it untouched.
/// </summary>
public static class StateFile
{
    /// <summary>The format version this engine writes and the newest it reads.</summary>
    public const uint FormatVersion = 1;

    /// <summary>Metadata keys starting with this prefix are written by the engine (optimiser settings).</summary>
    public const string ReservedPrefix = "optimizer.";

    private static readonly byte[] Magic = "MDSLSTAT"u8.ToArray();

    /// <summary>
    /// Writes the module's parameters and buffers, the optimiser's state (when given) and
    /// <paramref name="metadata"/> to <paramref name="path"/> through a temporary file and a rename.
    /// </summary>
    public static void Save(string path, Module module, Optimizer? optimizer = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        WriteAtomically(path, Encode(module, optimizer, metadata));
    }

    /// <summary>
    /// Writes the same bytes as <see cref="Save(string, Module, Optimizer?, IReadOnlyDictionary{string, string}?)"/>
    /// to <paramref name="stream"/> (a checkpoint container that does its own atomic write).
    /// </summary>
    public static void Save(Stream stream, Module module, Optimizer? optimizer = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Encode(module, optimizer, metadata));
    }

    private static byte[] Encode(Module module, Optimizer? optimizer, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(module);
        var entries = new List<StateEntry>();
        foreach (var (name, p) in module.NamedParameters())
        {
            entries.Add(new StateEntry(StateEntryKind.Parameter, name, StateDType.Float32, p.ShapeArray, p.Buffer));
        }

        foreach (var (name, b) in module.NamedBuffers())
        {
            entries.Add(new StateEntry(StateEntryKind.Buffer, name, StateDType.Float32, b.ShapeArray, b.Buffer));
        }

        var meta = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                if (key.StartsWith(ReservedPrefix, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"metadata key '{key}' uses the reserved prefix '{ReservedPrefix}'", nameof(metadata));
                }

                meta[key] = value;
            }
        }

        if (optimizer is not null)
        {
            AddOptimizer(module, optimizer, entries, meta);
        }

        return Encode(entries, meta);
    }

    /// <summary>Reads and validates (magic, version, length, checksum) a state file without applying it.</summary>
    public static StateContents Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateFileException($"state file '{path}' cannot be read: {e.Message}", e);
        }

        return Decode(path, bytes);
    }

    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="module"/> (and <paramref name="optimizer"/> when given),
    /// after checking that every name and shape matches; returns the user metadata (epoch, schedule state, …).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Load(string path, Module module, Optimizer? optimizer = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        return Apply(path, Read(path), module, optimizer);
    }

    /// <summary>
    /// Loads state written by <see cref="Save(Stream, Module, Optimizer?, IReadOnlyDictionary{string, string}?)"/>;
    /// <paramref name="source"/> names the origin (a checkpoint file) in error messages.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Load(Stream stream, string source, Module module, Optimizer? optimizer = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(module);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Apply(source, Decode(source, buffer.ToArray()), module, optimizer);
    }

    private static IReadOnlyDictionary<string, string> Apply(string path, StateContents contents, Module module, Optimizer? optimizer)
    {
        var byName = new Dictionary<(StateEntryKind, string), StateEntry>();
        foreach (var e in contents.Entries)
        {
            if (!byName.TryAdd((e.Kind, e.Name), e))
            {
                throw new StateFileException($"state file '{path}' holds {Describe(e.Kind)} '{e.Name}' twice");
            }
        }

        // Validate everything first; apply only when the whole file fits.
        var moduleTensors = new List<(StateEntryKind Kind, string Name, Tensor Tensor)>();
        moduleTensors.AddRange(module.NamedParameters().Select(p => (StateEntryKind.Parameter, p.Name, p.Parameter)));
        moduleTensors.AddRange(module.NamedBuffers().Select(b => (StateEntryKind.Buffer, b.Name, b.Buffer)));
        var expected = new HashSet<(StateEntryKind, string)>();
        foreach (var (kind, name, tensor) in moduleTensors)
        {
            expected.Add((kind, name));
            if (!byName.TryGetValue((kind, name), out var entry))
            {
                throw new StateFileException($"state file '{path}' has no {Describe(kind)} '{name}' {Tensor.Describe(tensor.ShapeArray)} that the model expects");
            }

            CheckTensor(path, entry, tensor.ShapeArray, "the model");
        }

        foreach (var e in contents.Entries)
        {
            if (e.Kind != StateEntryKind.Optimizer && !expected.Contains((e.Kind, e.Name)))
            {
                throw new StateFileException($"state file '{path}' holds {Describe(e.Kind)} '{e.Name}' {Tensor.Describe(e.Shape)} that the model does not have");
            }
        }

        Action? applyOptimizer = optimizer is null ? null : PrepareOptimizer(path, contents, byName, module, optimizer);

        foreach (var (kind, name, tensor) in moduleTensors)
        {
            ((float[])byName[(kind, name)].Data).AsSpan().CopyTo(tensor.Buffer);
        }

        applyOptimizer?.Invoke();
        return contents.Metadata
            .Where(kv => !kv.Key.StartsWith(ReservedPrefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }

    private static void AddOptimizer(Module module, Optimizer optimizer, List<StateEntry> entries, SortedDictionary<string, string> meta)
    {
        var names = new Dictionary<Tensor, string>(ReferenceEqualityComparer.Instance);
        foreach (var (name, p) in module.NamedParameters())
        {
            names[p] = name;
        }

        meta[ReservedPrefix + "kind"] = optimizer.Kind;
        meta[ReservedPrefix + "groups"] = optimizer.ParamGroups.Count.ToString(CultureInfo.InvariantCulture);
        for (var g = 0; g < optimizer.ParamGroups.Count; g++)
        {
            var group = optimizer.ParamGroups[g];
            meta[$"{ReservedPrefix}group.{g}.lr"] = group.LearningRate.ToString("R", CultureInfo.InvariantCulture);
            meta[$"{ReservedPrefix}group.{g}.weight_decay"] = group.WeightDecay.ToString("R", CultureInfo.InvariantCulture);
            meta[$"{ReservedPrefix}group.{g}.size"] = group.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        }

        var slotNames = optimizer.SlotNames;
        foreach (var (p, state) in optimizer.Entries())
        {
            if (!names.TryGetValue(p, out var name))
            {
                throw new ArgumentException($"the optimizer holds a {Tensor.Describe(p.ShapeArray)} parameter that is not part of the module being saved");
            }

            entries.Add(new StateEntry(StateEntryKind.Optimizer, name + ".step", StateDType.Int64, [], new[] { state.Step }));
            entries.Add(new StateEntry(StateEntryKind.Optimizer, name + ".scalar", StateDType.Float64, [], new[] { state.Scalar }));
            for (var s = 0; s < slotNames.Length; s++)
            {
                if (state.Slots[s] is { } slot)
                {
                    entries.Add(new StateEntry(StateEntryKind.Optimizer, name + "." + slotNames[s], StateDType.Float32, p.ShapeArray, slot));
                }
            }
        }
    }

    private static Action PrepareOptimizer(
        string path, StateContents contents, Dictionary<(StateEntryKind, string), StateEntry> byName, Module module, Optimizer optimizer)
    {
        if (!contents.Metadata.TryGetValue(ReservedPrefix + "kind", out var kind))
        {
            throw new StateFileException($"state file '{path}' holds no optimizer state (it was saved without an optimizer)");
        }

        if (kind != optimizer.Kind)
        {
            throw new StateFileException($"state file '{path}' holds {kind} optimizer state but the optimizer is {optimizer.Kind}");
        }

        var groups = contents.Metadata.GetValueOrDefault(ReservedPrefix + "groups");
        if (groups != optimizer.ParamGroups.Count.ToString(CultureInfo.InvariantCulture))
        {
            throw new StateFileException($"state file '{path}' holds {groups} optimizer parameter groups but the optimizer has {optimizer.ParamGroups.Count}");
        }

        var learningRates = new double[optimizer.ParamGroups.Count];
        var decays = new double[optimizer.ParamGroups.Count];
        for (var g = 0; g < learningRates.Length; g++)
        {
            var size = contents.Metadata.GetValueOrDefault($"{ReservedPrefix}group.{g}.size");
            if (size != optimizer.ParamGroups[g].Parameters.Count.ToString(CultureInfo.InvariantCulture))
            {
                throw new StateFileException(
                    $"state file '{path}': optimizer group {g} has {size} parameters in the file but {optimizer.ParamGroups[g].Parameters.Count} in the optimizer");
            }

            learningRates[g] = ParseDouble(path, contents.Metadata, $"{ReservedPrefix}group.{g}.lr");
            decays[g] = ParseDouble(path, contents.Metadata, $"{ReservedPrefix}group.{g}.weight_decay");
        }

        var names = new Dictionary<Tensor, string>(ReferenceEqualityComparer.Instance);
        foreach (var (name, p) in module.NamedParameters())
        {
            names[p] = name;
        }

        var slotNames = optimizer.SlotNames;
        var known = new HashSet<string>(StringComparer.Ordinal);
        var plan = new List<(ParameterState State, long Step, double Scalar, float[]?[] Slots)>();
        foreach (var (p, state) in optimizer.Entries())
        {
            if (!names.TryGetValue(p, out var name))
            {
                throw new StateFileException($"the optimizer holds a {Tensor.Describe(p.ShapeArray)} parameter that is not part of the module being loaded");
            }

            var step = byName.GetValueOrDefault((StateEntryKind.Optimizer, name + ".step"));
            var scalar = byName.GetValueOrDefault((StateEntryKind.Optimizer, name + ".scalar"));
            if (step is null || step.DType != StateDType.Int64 || step.Data.Length != 1 || scalar is null || scalar.DType != StateDType.Float64 || scalar.Data.Length != 1)
            {
                throw new StateFileException($"state file '{path}' has no optimizer step/scalar for parameter '{name}'");
            }

            known.Add(step.Name);
            known.Add(scalar.Name);
            var slots = new float[]?[slotNames.Length];
            for (var s = 0; s < slotNames.Length; s++)
            {
                if (byName.TryGetValue((StateEntryKind.Optimizer, name + "." + slotNames[s]), out var slot))
                {
                    CheckTensor(path, slot, p.ShapeArray, "the optimizer");
                    slots[s] = (float[])slot.Data;
                    known.Add(slot.Name);
                }
            }

            plan.Add((state, ((long[])step.Data)[0], ((double[])scalar.Data)[0], slots));
        }

        foreach (var e in contents.Entries)
        {
            if (e.Kind == StateEntryKind.Optimizer && !known.Contains(e.Name))
            {
                throw new StateFileException($"state file '{path}' holds optimizer tensor '{e.Name}' that the optimizer does not have");
            }
        }

        return () =>
        {
            for (var g = 0; g < learningRates.Length; g++)
            {
                optimizer.ParamGroups[g].LearningRate = learningRates[g];
                optimizer.ParamGroups[g].WeightDecay = decays[g];
            }

            foreach (var (state, step, scalar, slots) in plan)
            {
                state.Step = step;
                state.Scalar = scalar;
                for (var s = 0; s < slots.Length; s++)
                {
                    state.Slots[s] = slots[s] is { } data ? (float[])data.Clone() : null;
                }
            }
        };
    }

    private static double ParseDouble(string path, IReadOnlyDictionary<string, string> metadata, string key)
    {
        if (metadata.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new StateFileException($"state file '{path}': metadata '{key}' is missing or not a number");
    }

    private static void CheckTensor(string path, StateEntry entry, int[] shape, string owner)
    {
        if (entry.DType != StateDType.Float32)
        {
            throw new StateFileException($"state file '{path}': {Describe(entry.Kind)} '{entry.Name}' is {entry.DType} but {owner} expects Float32");
        }

        if (!entry.Shape.SequenceEqual(shape))
        {
            throw new StateFileException(
                $"state file '{path}': {Describe(entry.Kind)} '{entry.Name}' has shape {Tensor.Describe(entry.Shape)} in the file but {Tensor.Describe(shape)} in {owner}");
        }
    }

    private static string Describe(StateEntryKind kind) => kind switch
    {
        StateEntryKind.Parameter => "parameter",
        StateEntryKind.Buffer => "buffer",
        _ => "optimizer tensor",
    };

    private static byte[] Encode(List<StateEntry> entries, SortedDictionary<string, string> metadata)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            // BinaryWriter is little-endian on every platform.
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write((uint)entries.Count);
            foreach (var e in entries)
            {
                w.Write((byte)e.Kind);
                WriteString16(w, e.Name);
                w.Write((byte)e.DType);
                w.Write((byte)e.Shape.Count);
                foreach (var d in e.Shape)
                {
                    w.Write(d);
                }

                ReadOnlySpan<byte> raw = e.Data switch
                {
                    float[] f => MemoryMarshal.AsBytes(f.AsSpan()),
                    double[] d => MemoryMarshal.AsBytes(d.AsSpan()),
                    long[] l => MemoryMarshal.AsBytes(l.AsSpan()),
                    _ => throw new InvalidOperationException("unsupported state entry data"),
                };
                if (!BitConverter.IsLittleEndian)
                {
                    throw new PlatformNotSupportedException("state files are written on little-endian machines only");
                }

                w.Write(raw);
            }

            w.Write((uint)metadata.Count);
            foreach (var (key, value) in metadata)
            {
                WriteString16(w, key);
                var bytes = Encoding.UTF8.GetBytes(value);
                w.Write((uint)bytes.Length);
                w.Write(bytes);
            }
        }

        var crc = Crc32.Compute(stream.GetBuffer().AsSpan(0, (int)stream.Length));
        var tail = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(tail, crc);
        stream.Write(tail);
        return stream.ToArray();
    }

    private static void WriteString16(BinaryWriter w, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"name '{text[..32]}…' is too long for a state file");
        }

        w.Write((ushort)bytes.Length);
        w.Write(bytes);
    }

    private static StateContents Decode(string path, byte[] bytes)
    {
        if (bytes.Length < Magic.Length + 4 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new StateFileException($"'{path}' is not a ModelDsl state file (it does not start with the bytes \"MDSLSTAT\")");
        }

        var reader = new StateReader(path, bytes);
        reader.Skip(Magic.Length);
        var version = reader.UInt32("format version");
        if (version == 0 || version > FormatVersion)
        {
            throw new StateFileException($"state file '{path}' has format version {version}, but this engine reads versions 1 to {FormatVersion}");
        }

        var count = reader.UInt32("tensor count");
        var entries = new List<StateEntry>();
        for (var i = 0; i < count; i++)
        {
            var kind = (StateEntryKind)reader.Byte("entry kind");
            var name = reader.String16($"name of tensor {i}");
            if (kind is not (StateEntryKind.Parameter or StateEntryKind.Buffer or StateEntryKind.Optimizer))
            {
                throw new StateFileException($"state file '{path}': tensor '{name}' has unknown kind {(byte)kind}");
            }

            var dtype = (StateDType)reader.Byte($"dtype of '{name}'");
            var rank = reader.Byte($"rank of '{name}'");
            var shape = new int[rank];
            long elements = 1;
            for (var d = 0; d < rank; d++)
            {
                shape[d] = reader.Int32($"shape of '{name}'");
                if (shape[d] < 0)
                {
                    throw new StateFileException($"state file '{path}': tensor '{name}' has a negative dimension");
                }

                elements *= shape[d];
            }

            var size = dtype switch
            {
                StateDType.Float32 => 4,
                StateDType.Float64 or StateDType.Int64 => 8,
                _ => throw new StateFileException($"state file '{path}': tensor '{name}' has unknown dtype {(byte)dtype}"),
            };
            var raw = reader.Bytes(elements * size, $"data of '{name}' {Tensor.Describe(shape)}");
            Array data = dtype switch
            {
                StateDType.Float32 => MemoryMarshal.Cast<byte, float>(raw).ToArray(),
                StateDType.Float64 => MemoryMarshal.Cast<byte, double>(raw).ToArray(),
                _ => MemoryMarshal.Cast<byte, long>(raw).ToArray(),
            };
            entries.Add(new StateEntry(kind, name, dtype, shape, data));
        }

        var metaCount = reader.UInt32("metadata count");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < metaCount; i++)
        {
            var key = reader.String16($"metadata key {i}");
            var length = reader.UInt32($"metadata value of '{key}'");
            metadata[key] = Encoding.UTF8.GetString(reader.Bytes(length, $"metadata value of '{key}'"));
        }

        var stored = reader.UInt32("checksum");
        if (reader.Position != bytes.Length)
        {
            throw new StateFileException($"state file '{path}' has {bytes.Length - reader.Position} unexpected bytes after its checksum");
        }

        var computed = Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4));
        if (stored != computed)
        {
            throw new StateFileException(
                $"state file '{path}' is corrupted: its CRC-32 checksum is 0x{stored:X8} but the contents give 0x{computed:X8}");
        }

        return new StateContents(version, entries, metadata);
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temp = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Bounds-checked little-endian reader; running out of bytes is reported as truncation.</summary>
    private sealed class StateReader(string path, byte[] bytes)
    {
        public int Position { get; private set; }

        public void Skip(int count) => Take(count, "header");

        public byte Byte(string what) => Take(1, what)[0];

        public int Int32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, what));

        public uint UInt32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));

        public string String16(string what)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(Take(2, what));
            return Encoding.UTF8.GetString(Take(length, what));
        }

        public ReadOnlySpan<byte> Bytes(long count, string what) => Take(count, what);

        private ReadOnlySpan<byte> Take(long count, string what)
        {
            // The last four bytes are the checksum: contents may not run into them.
            var limit = what == "checksum" ? bytes.Length : bytes.Length - 4;
            if (count < 0 || Position + count > limit)
            {
                throw new StateFileException(
                    $"state file '{path}' is truncated: reading the {what} needs {count} bytes at offset {Position}, but only {Math.Max(limit - Position, 0)} remain ({bytes.Length} bytes in the file)");
            }

            var span = bytes.AsSpan(Position, (int)count);
            Position += (int)count;
            return span;
        }
    }
}
