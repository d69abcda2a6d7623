using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Linq;
using ModelDsl.Cli;
using Xunit;

namespace ModelDsl.Compiler.Tests.Cli;

/// <summary>
/// <c>modeldsl train</c> on both backends with the sizing, normalisation and augmentation options of issue 10: a folder
/// of dark and light images of three shapes (8×4, 4×8, 12×12) brought to the model's 4×4 by <c>resize: 5, crop: 4</c>,
/// <c>standardize(global: true)</c>, and an <c>augment</c> block with rot90, shear, zoom and brightness in that order.
/// </summary>
public sealed class PreprocessingTrainTests : IDisposable
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
            epochs: 12
            batch_size: 4
            seed: 3
            data {
                train: folder("shades", resize: 5, crop: 4, color: grayscale)
                normalize: standardize(global: true)
                augment { rot90(k: [0, 1, 2, 3])  shear(degrees: 10)  zoom(0.9, 1.1)  brightness(0.8, 1.2) }
            }
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("modeldsl-preprocessing-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("cpu")]
    [InlineData("torchsharp")]
    public void Trains_on_mixed_image_shapes_with_resize_crop_and_augmentation(string backend)
    {
        var file = Path.Combine(_directory, "shades.model");
        File.WriteAllText(file, Model);
        var shapes = new[] { (8, 4), (4, 8), (12, 12) };
        for (var i = 0; i < 12; i++)
        {
            var (height, width) = shapes[i % 3];
            WriteImage("dark", i, height, width, (byte)(i * 4));
            WriteImage("light", i, height, width, (byte)(200 + (i * 4)));
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLineApp.Run(["train", file, "--backend", backend, "--output", Path.Combine(_directory, "runs")], output, error);

        Assert.True(code == 0, error.ToString() + output);
        Assert.Contains("on 24 examples", output.ToString(), StringComparison.Ordinal);
        var history = File.ReadAllLines(Path.Combine(_directory, "runs", "Shades.history.csv"));
        var accuracyColumn = Array.IndexOf(history[0].Split(','), "accuracy");
        Assert.True(accuracyColumn >= 0, history[0]);
        var finalAccuracy = double.Parse(history[^1].Split(',')[accuracyColumn], CultureInfo.InvariantCulture);
        Assert.True(finalAccuracy >= 0.9, $"final training accuracy {finalAccuracy} on {backend}");
    }

    [Fact]
    public void A_crop_larger_than_the_resize_is_a_diagnostic_and_trains_nothing()
    {
        var file = Path.Combine(_directory, "shades.model");
        File.WriteAllText(file, Model.Replace("resize: 5, crop: 4", "resize: 3, crop: 4", StringComparison.Ordinal));

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLineApp.Run(["train", file, "--output", Path.Combine(_directory, "runs")], output, error);

        Assert.Equal(1, code);
        Assert.Contains("shades.model(15,50): error MD4048: folder crop (4, 4) expects an image at least as large but resize: 3", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A 24-bit BMP of one gray value in shades/<paramref name="folder"/> (widths are multiples of 4: no row padding).</summary>
    private void WriteImage(string folder, int index, int height, int width, byte value)
    {
        var path = Path.Combine(_directory, "shades", folder);
        Directory.CreateDirectory(path);
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
        File.WriteAllBytes(Path.Combine(path, $"{index:D2}.bmp"), bytes);
    }
}
