using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Linq;
using ModelDsl.Compiler.Emit.PyTorch;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Images;
using Xunit;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>
/// The PyTorch scripts split and order data as the .NET runtime does: <c>test_split</c> and <c>validation_steps</c>
/// reach the script, <c>split_last</c> holds out the same count, and <c>folder_files</c> lists a nested class-folder
/// tree in the same order as <see cref="ImageFolderLoader"/> (run by /usr/bin/python3 on the same tree).
/// </summary>
public sealed class PyTorchSplitTests : IDisposable
{
    private const string Model = """
        model Shades {
            input image: float[1, 4, 4]
            flatten()
            dense(2, activation: softmax)
        }

        train Shades {
            loss: sparse_categorical_crossentropy
            optimizer: adam(lr: 0.1)
            validation_split: 0.25
            validation_steps: 3
            data {
                train: folder("shades", size: (4, 4), color: grayscale)
                test_split: 0.2
            }
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("modeldsl-pysplit-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_script_declares_test_split_and_validation_steps()
    {
        var result = ModelCompiler.Compile(new[] { new SourceFile("shades.model", Model) }, CompilationOptions.Default with { Emit = false });
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));

        var script = PyTorchEmitter.Emit(result.Models, result.Trainings).Files.Single(f => f.HintName == "train_shades.py").Text;

        Assert.Contains("validation_split=0.25,", script, StringComparison.Ordinal);
        Assert.Contains("test_split=0.2,", script, StringComparison.Ordinal);
        Assert.Contains("validation_steps=3,", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Python_lists_a_nested_folder_and_splits_it_exactly_as_the_runtime_does()
    {
        var root = Path.Combine(_directory, "shades");
        var id = 0;
        foreach (var (folder, count) in new[] { ("dark", 3), ("dark/b/deep", 4), ("dark/a", 2), ("light/x", 5), ("mid", 1) })
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
            for (var i = 0; i < count; i++, id++)
            {
                File.WriteAllBytes(Path.Combine(root, folder, $"{id:D2}.bmp"), GrayBmp((byte)(id * 10)));
            }
        }

        File.WriteAllText(Path.Combine(_directory, PyTorchEmitter.SupportFile), PyTorchEmitter.SupportText());
        const string probe = """
            import sys, torch
            import modeldsl_torch as md
            files, labels = md.folder_files(sys.argv[1])
            print(" ".join("%s:%s" % (label, f.rsplit("/", 1)[-1][:2]) for f, label in zip(files, labels)))
            for count, fraction in [(15, 0.2), (10, 0.3), (10, 0.9), (7, 0.1), (12, 0.25)]:
                (x, _), (held, _) = md.split_last(torch.arange(count), torch.arange(count), fraction, "test")
                print("%d %s %s" % (count, fraction, ",".join(str(int(v)) for v in held)))
            """;
        var (exitCode, output) = PythonProcess.Run(_directory, TimeSpan.FromMinutes(1), ["-c", probe, root]);
        Assert.True(exitCode == 0, output);
        var lines = output.Trim().Split('\n');

        var data = ImageFolderLoader.Load(root, color: ColorMode.Grayscale);
        var expected = string.Join(" ", Enumerable.Range(0, data.Count).Select(i =>
            $"{data.ClassNames[data.Targets[0].ClassIndices![i]]}:{(int)MathF.Round(data.Features.Values![i * 16] / 10):D2}"));
        Assert.Equal(expected, lines[0]);

        foreach (var line in lines.Skip(1))
        {
            var parts = line.Split(' ');
            var count = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var fraction = double.Parse(parts[1], CultureInfo.InvariantCulture);
            var held = Dataset.FromFeatures([.. Enumerable.Range(0, count).Select(i => (float)i)], [1]).SplitLast(fraction).HeldOut;
            Assert.Equal(string.Join(",", held.Features.Values!.Select(v => ((int)v).ToString(CultureInfo.InvariantCulture))), parts[2]);
        }
    }

    /// <summary>A 4×4 24-bit BMP of one gray value.</summary>
    private static byte[] GrayBmp(byte value)
    {
        const int headers = 14 + 40;
        var bytes = new byte[headers + (4 * 4 * 3)];
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), headers);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), 4);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), 4);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), 24);
        bytes.AsSpan(headers).Fill(value);
        return bytes;
    }
}
