using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO;
using ModelDsl.Runtime.Data;
using Xunit;

namespace ModelDsl.Runtime.Tests.Data;

/// <summary>
/// Hostile IDX inputs (issue #14): headers declaring more data than the file holds or than memory allows, labels that
/// are not class numbers, special files and NUL in paths. Each must be a <see cref="DataException"/> naming the file,
/// decided before anything large is allocated.
/// </summary>
public sealed class IdxHardeningTests
{
    private static byte[] Idx(byte type, int[] dims, byte[] data)
    {
        var bytes = new byte[4 + (4 * dims.Length) + data.Length];
        bytes[2] = type;
        bytes[3] = (byte)dims.Length;
        for (var i = 0; i < dims.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * i)), dims[i]);
        }

        data.CopyTo(bytes, 4 + (4 * dims.Length));
        return bytes;
    }

    public static TheoryData<byte, int[]> HugeHeaders => new()
    {
        { 0x08, [int.MaxValue] },
        { 0x08, [2, 1 << 30] },
        { 0x0E, [1 << 28] }, // 2 GB of float64
        { 0x0E, [1 << 29, 4] },
        { 0x0D, [65536, 65536] },
    };

    [Theory]
    [MemberData(nameof(HugeHeaders))]
    public void Header_declaring_more_than_the_file_holds_is_refused_before_allocating(byte type, int[] dims)
    {
        using var dir = new TempDirectory();
        var raw = Idx(type, dims, []);
        foreach (var (file, bytes) in new[] { ("huge.idx", raw), ("huge.idx.gz", IdxFiles.Gzip(raw)) })
        {
            var path = dir.File(file);
            File.WriteAllBytes(path, bytes);
            var before = GC.GetTotalAllocatedBytes(precise: false);

            var ex = Assert.Throws<DataException>(() => IdxReader.Read(path));

            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.True(ex.Message.Contains("truncated", StringComparison.Ordinal) || ex.Message.Contains("corrupt", StringComparison.Ordinal), ex.Message);
            Assert.True(GC.GetTotalAllocatedBytes(precise: false) - before < 64L << 20, "more than 64 MB allocated for a tiny file");
        }
    }

    private static byte[] Int32s(params int[] values)
    {
        var data = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(i * 4), values[i]);
        }

        return data;
    }

    private static byte[] Floats(params float[] values)
    {
        var data = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(i * 4), values[i]);
        }

        return data;
    }

    public static TheoryData<string, byte[], string> BadLabels => new()
    {
        { "int.max", Idx(0x0C, [2], Int32s(1, int.MaxValue)), "2147483648" },
        { "1e8", Idx(0x0C, [2], Int32s(0, 100_000_000)), "100000000" },
        { "negative", Idx(0x0C, [2], Int32s(0, -1)), "-1" },
        { "nan", Idx(0x0D, [2], Floats(1, float.NaN)), "NaN" },
        { "fraction", Idx(0x0D, [2], Floats(1, 2.5f)), "2.5" },
        { "infinity", Idx(0x0D, [2], Floats(float.PositiveInfinity, 1)), "Infinity" },
    };

    [Theory]
    [MemberData(nameof(BadLabels))]
    public void Labels_that_are_not_class_numbers_are_refused(string name, byte[] labels, string shown)
    {
        using var dir = new TempDirectory();
        var images = dir.File("images.idx");
        File.WriteAllBytes(images, Idx(0x08, [2, 1, 1], [1, 2]));
        var labelsPath = dir.File(name + ".idx");
        File.WriteAllBytes(labelsPath, labels);

        var ex = Assert.Throws<DataException>(() => IdxDataset.Load(images, labelsPath));

        Assert.Contains(labelsPath, ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Contains(shown, StringComparison.Ordinal), ex.Message);
        Assert.DoesNotContain("-2147483648", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_outside_the_declared_classes_is_refused()
    {
        using var dir = new TempDirectory();
        var images = dir.File("images.idx");
        File.WriteAllBytes(images, Idx(0x08, [2, 1, 1], [1, 2]));
        var labels = dir.File("labels.idx");
        File.WriteAllBytes(labels, Idx(0x08, [2], [0, 3]));

        var ex = Assert.Throws<DataException>(() => IdxDataset.Load(images, labels, classCount: 3));

        Assert.Contains("0..2", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, IdxDataset.Load(images, WriteLabels(dir, [0, 2]), classCount: 3).Targets[0].ClassCount);
    }

    private static string WriteLabels(TempDirectory dir, byte[] labels)
    {
        var path = dir.File("good-labels.idx");
        File.WriteAllBytes(path, Idx(0x08, [labels.Length], labels));
        return path;
    }

    [Fact]
    public async System.Threading.Tasks.Task Special_files_and_NUL_in_paths_are_refused_naming_the_path()
    {
        using var dir = new TempDirectory();
        var candidates = new System.Collections.Generic.List<string> { dir.Path, dir.File("a\0b.idx") };
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            candidates.Add("/dev/zero");
            var fifo = dir.File("fifo.idx");
            using var mkfifo = Process.Start("mkfifo", fifo);
            mkfifo.WaitForExit();
            if (File.Exists(fifo))
            {
                candidates.Add(fifo);
            }
        }

        foreach (var path in candidates)
        {
            var read = System.Threading.Tasks.Task.Run(() => IdxReader.Read(path));
            var finished = await System.Threading.Tasks.Task.WhenAny(read, System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(finished == read, $"reading '{path}' hung");
            var ex = Assert.IsType<DataException>(read.Exception?.InnerException);
            Assert.Contains(path.Replace("\0", "\\0", StringComparison.Ordinal), ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Mutated_idx_files_give_only_data_errors()
    {
        var labels = new byte[20];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = (byte)(i % 10);
        }

        var seeds = new[]
        {
            Idx(0x08, [20], labels),
            Idx(0x08, [3, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
            Idx(0x0D, [3], Floats(1, 2, 3)),
            IdxFiles.Gzip(Idx(0x08, [20], labels)),
        };
        var random = new Random(1414);
        for (var n = 0; n < 3000; n++)
        {
            var bytes = Mutate(seeds[n % seeds.Length], random);
            try
            {
                var array = IdxReader.Read(new MemoryStream(bytes), "fuzz.idx");
                Assert.True(array.Values.Length <= IdxReader.MaxElements);
            }
            catch (DataException)
            {
                // The documented error.
            }
        }
    }

    /// <summary>One to four random edits: flip a bit, set a byte to a boundary value, truncate or duplicate a span.</summary>
    internal static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = (byte[])seed.Clone();
        var edits = random.Next(1, 5);
        for (var e = 0; e < edits && bytes.Length > 0; e++)
        {
            var at = random.Next(bytes.Length);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)(random.Next(3) switch { 0 => 0x00, 1 => 0xFF, _ => 0x7F });
                    break;
                case 2:
                    bytes = bytes[..at];
                    break;
                case 3:
                    var extra = bytes[at..Math.Min(bytes.Length, at + random.Next(1, 16))];
                    bytes = [.. bytes, .. extra];
                    break;
                default:
                    bytes[at] = (byte)random.Next(256);
                    break;
            }
        }

        return bytes;
    }
}
