using System;
using System.Buffers.Binary;
using System.IO;
using ModelDsl.Cli;
using Xunit;

namespace ModelDsl.Compiler.Tests.Cli;

/// <summary><c>modeldsl train</c> in-process, on tiny IDX files written by the test: two classes of 4×4 images told
/// apart by which half is bright.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private const string Model = """
        model Halves {
            input image: float[1, 4, 4]
            flatten()
            dense(8, activation: relu)
            dense(2, activation: softmax)
        }

        train Halves {
            loss: sparse_categorical_crossentropy
            optimizer: adam(lr: 0.05)
            metrics: [accuracy]
            epochs: 5
            batch_size: 8
            seed: 3
            data {
                train: idx(images: "train-images", labels: "train-labels")
                test:  idx(images: "test-images",  labels: "test-labels")
                normalize: scale(255)
            }
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("modeldsl-train-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Trains_the_declaration_and_reports_test_metrics()
    {
        var file = WriteProject();

        var (code, output, error) = Run("train", file, "--output", Path.Combine(_directory, "runs"));

        Assert.True(code == 0, error + output);
        Assert.Contains("test_accuracy=1.0000", output);
        Assert.True(File.Exists(Path.Combine(_directory, "runs", "Halves.history.csv")));
        Assert.True(File.Exists(Path.Combine(_directory, "runs", "Halves.history.svg")));
        Assert.True(File.Exists(Path.Combine(_directory, "runs", "Halves.history.png")));
    }

    [Fact]
    public void Trains_the_same_declaration_on_the_torchsharp_backend()
    {
        var file = WriteProject();

        var (code, output, error) = Run("train", file, "--backend", "torchsharp", "--output", Path.Combine(_directory, "runs"));

        Assert.True(code == 0, error + output);
        // The CLI says which engine ran and how libtorch's threads were set (passive OpenMP waiting).
        Assert.Contains("TorchSharp", output);
        Assert.Contains("test_accuracy=1.0000", output);
        Assert.True(File.Exists(Path.Combine(_directory, "runs", "Halves.history.csv")));
    }

    [Fact]
    public void Missing_data_is_one_clear_error_line()
    {
        var file = WriteProject();
        File.Delete(Path.Combine(_directory, "train-labels"));

        var (code, _, error) = Run("train", file, "--output", Path.Combine(_directory, "runs"));

        Assert.Equal(1, code);
        Assert.Contains("train-labels", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void A_file_with_errors_prints_the_diagnostics_and_trains_nothing()
    {
        var file = Path.Combine(_directory, "broken.model");
        File.WriteAllText(file, Model.Replace("flatten()", string.Empty, StringComparison.Ordinal));

        var (code, output, _) = Run("train", file);

        Assert.Equal(1, code);
        Assert.Contains("error MD3", output);
    }

    [Fact]
    public void Train_option_picks_the_declared_name_before_the_model_name()
    {
        var file = WriteProject(Model + "\ntrain Halves as Slow {\n    loss: sparse_categorical_crossentropy\n    optimizer: sgd\n}\n");

        var (code, output, error) = Run("train", file, "--train", "Halves", "--output", Path.Combine(_directory, "runs"));

        Assert.True(code == 0, error + output);
        Assert.Contains("Training Halves (Halves)", output);
    }

    [Fact]
    public void Data_whose_shape_does_not_fit_the_input_is_one_clear_error()
    {
        var file = WriteProject();
        WriteIdx("train", 64, flat: true);

        var (code, _, error) = Run("train", file, "--output", Path.Combine(_directory, "runs"));

        Assert.Equal(1, code);
        Assert.Contains("shape [16]", error);
        Assert.Contains("takes [1, 4, 4]", error);
    }

    [Fact]
    public void An_error_inside_the_trainer_prints_its_own_message_not_the_reflection_wrapper()
    {
        // A symbolic input admits 4×4 images, which a 5×5 kernel cannot read: the engine refuses at run time.
        var model = Model.Replace("float[1, 4, 4]", "float[1, H, W]", StringComparison.Ordinal)
            .Replace("flatten()", "conv2d(2, kernel: 5)  global_avgpool2d()", StringComparison.Ordinal);
        var file = WriteProject(model);

        var (code, _, error) = Run("train", file, "--output", Path.Combine(_directory, "runs"));

        Assert.Equal(1, code);
        Assert.DoesNotContain("target of an invocation", error);
        Assert.Contains("training Halves failed: ", error);
        Assert.DoesNotContain("   at ", error);
    }

    private string WriteProject(string model = Model)
    {
        var file = Path.Combine(_directory, "halves.model");
        File.WriteAllText(file, model);
        WriteIdx("train", 64);
        WriteIdx("test", 16);
        return file;
    }

    // Class 0: top half bright; class 1: bottom half bright (raw IDX: magic, big-endian sizes, bytes).
    // flat: an [N, 16] file (rows of features) instead of [N, 4, 4] images.
    private void WriteIdx(string prefix, int count, bool flat = false)
    {
        var header = flat ? 12 : 16;
        var images = new byte[header + (count * 16)];
        BinaryPrimitives.WriteInt32BigEndian(images, flat ? 0x0802 : 0x0803);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(8), flat ? 16 : 4);
        if (!flat)
        {
            BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(12), 4);
        }

        var labels = new byte[8 + count];
        BinaryPrimitives.WriteInt32BigEndian(labels, 0x0801);
        BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), count);
        var random = new Random(count);
        for (var i = 0; i < count; i++)
        {
            var label = i % 2;
            labels[8 + i] = (byte)label;
            for (var p = 0; p < 16; p++)
            {
                var bright = (p < 8) == (label == 0);
                images[header + (i * 16) + p] = (byte)(bright ? 200 + random.Next(50) : random.Next(50));
            }
        }

        File.WriteAllBytes(Path.Combine(_directory, prefix + "-images"), images);
        File.WriteAllBytes(Path.Combine(_directory, prefix + "-labels"), labels);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLineApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
