using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using ModelDsl.Cli;
using Xunit;

namespace ModelDsl.Compiler.Tests.Cli;

/// <summary>
/// <c>modeldsl train</c> on both backends with one nested image folder cut by <c>test_split</c> and
/// <c>validation_split</c>, and <c>validation_steps</c>: dark and light 4×4 images in class folders whose images lie in
/// sub-folders (<c>shades/dark/a/…</c>, <c>shades/light/b/c/…</c>).
/// </summary>
public sealed class DataSplitTrainTests : IDisposable
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
            metrics: [accuracy]
            epochs: 15
            batch_size: 4
            seed: 5
            validation_split: 0.25
            validation_steps: 1
            data {
                train: folder("shades", size: (4, 4), color: grayscale)
                test_split: 0.2
                normalize: scale(255)
            }
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("modeldsl-splits-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("cpu")]
    [InlineData("torchsharp")]
    public void Trains_on_the_nested_folder_less_its_test_split_and_reports_test_metrics(string backend)
    {
        var file = Path.Combine(_directory, "shades.model");
        File.WriteAllText(file, Model);
        // 10 images per class, in sub-folders of the class folders: 20 in all, 4 of them (20%) the test data.
        WriteImages("dark/a", 0, 5);
        WriteImages("dark/b/deep", 5, 5);
        WriteImages("light/b/c", 0, 10, bright: true);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLineApp.Run(["train", file, "--backend", backend, "--output", Path.Combine(_directory, "runs")], output, error);

        Assert.True(code == 0, error.ToString() + output);
        Assert.Contains("Training Shades (Shades) on 16 examples", output.ToString(), StringComparison.Ordinal);
        var accuracy = output.ToString().Split('\n').Single(line => line.StartsWith("test_accuracy=", StringComparison.Ordinal));
        Assert.Equal("test_accuracy=1.0000", accuracy.Trim());
        var history = File.ReadAllLines(Path.Combine(_directory, "runs", "Shades.history.csv"));
        Assert.Contains("val_loss", history[0], StringComparison.Ordinal);
        Assert.Equal(16, history.Length); // header + 15 epochs
    }

    [Fact]
    public void A_bad_test_split_is_a_diagnostic_and_trains_nothing()
    {
        var file = Path.Combine(_directory, "shades.model");
        File.WriteAllText(file, Model.Replace("test_split: 0.2", "test_split: 80", StringComparison.Ordinal));

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLineApp.Run(["train", file, "--output", Path.Combine(_directory, "runs")], output, error);

        Assert.Equal(1, code);
        Assert.Contains("shades.model(18,21): error MD4034: test_split expects a fraction 0 < v < 1 but found 80", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Writes <paramref name="count"/> 4×4 gray BMPs into shades/<paramref name="folder"/>: dark (values below 60) or bright (above 190).</summary>
    private void WriteImages(string folder, int first, int count, bool bright = false)
    {
        var path = Path.Combine(_directory, "shades", folder);
        Directory.CreateDirectory(path);
        for (var i = first; i < first + count; i++)
        {
            var value = (byte)(bright ? 190 + (i * 6) : i * 6);
            File.WriteAllBytes(Path.Combine(path, $"{i:D2}.bmp"), GrayBmp(4, 4, value));
        }
    }

    /// <summary>A 24-bit BMP of one gray value (rows of 4 pixels need no padding).</summary>
    private static byte[] GrayBmp(int width, int height, byte value)
    {
        const int headers = 14 + 40;
        var bytes = new byte[headers + (width * height * 3)];
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), headers);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), 24);
        bytes.AsSpan(headers).Fill(value);
        return bytes;
    }
}
