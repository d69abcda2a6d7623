using System;
using System.Globalization;
using System.IO;
using System.Linq;
using ModelDsl.Compiler.Emit.PyTorch;
using ModelDsl.Runtime.Augmentation;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Images;
using Xunit;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>
/// The PyTorch script sizes, normalises and augments as the .NET runtime does: resize/crop, standardize(global: true),
/// shear and rot90 reach the script, and its <c>md.Sizing</c>, rot90, zoom and brightness (run by /usr/bin/python3)
/// give the runtime's numbers on the same image.
/// </summary>
public sealed class PyTorchPreprocessingTests : IDisposable
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
            data {
                train: folder("shades", resize: 5, crop: 4, color: grayscale)
                normalize: standardize(global: true)
                augment { rot90(k: [1, 3])  shear(degrees: 10) }
            }
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("modeldsl-pyprep-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_script_declares_sizing_global_standardize_and_the_new_augmentations()
    {
        var result = ModelCompiler.Compile(new[] { new SourceFile("shades.model", Model) }, CompilationOptions.Default with { Emit = false });
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));

        var script = PyTorchEmitter.Emit(result.Models, result.Trainings).Files.Single(f => f.HintName == "train_shades.py").Text;

        Assert.Contains("md.load_folder(os.path.join(root, \"shades\"), md.Sizing(resize=5, crop=(4, 4)), 1,", script, StringComparison.Ordinal);
        Assert.Contains("normalize=md.Normalization(\"standardize\", (True,)),", script, StringComparison.Ordinal);
        Assert.Contains("augment=[md.Augmentation(\"rot90\", (1, 3,)), md.Augmentation(\"shear\", (10.0,))],", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Python_sizes_and_augments_an_image_as_the_runtime_does()
    {
        const int height = 9, width = 14;
        var pixels = Enumerable.Range(0, height * width).Select(i => (byte)(i * 37 % 251)).ToArray();
        File.WriteAllBytes(Path.Combine(_directory, "image.raw"), pixels);
        File.WriteAllText(Path.Combine(_directory, PyTorchEmitter.SupportFile), PyTorchEmitter.SupportText());
        const string probe = """
            import sys, torch
            import modeldsl_torch as md
            image = torch.frombuffer(bytearray(open(sys.argv[1], "rb").read()), dtype=torch.uint8).view(1, 9, 14).float()
            sized = md.Sizing(resize=6, crop=(5, 5))(image, "image.raw")
            print(" ".join("%.4f" % v for v in sized.flatten().tolist()))
            g = torch.Generator().manual_seed(0)
            print(" ".join("%.4f" % v for v in md.Augmentation("rot90", (1,))(sized.unsqueeze(0), g).flatten().tolist()))
            row = torch.arange(5.0).view(1, 1, 1, 5).repeat(1, 1, 5, 1)
            print(" ".join("%.4f" % v for v in md.Augmentation("zoom", (2.0, 2.0))(row, g)[0, 0, 2].tolist()))
            print(" ".join("%.4f" % v for v in md.Augmentation("brightness", (2.0, 2.0))(torch.tensor([[[[0.0, 100.0, 200.0]]]]), g).flatten().tolist()))
            """;
        var (exitCode, output) = PythonProcess.Run(_directory, TimeSpan.FromMinutes(1), ["-c", probe, Path.Combine(_directory, "image.raw")]);
        Assert.True(exitCode == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

        var (sized, size) = new ImageGeometry(ShorterSide: 6, Crop: new ImageSize(5, 5)).Apply(new DecodedImage(width, height, 1, pixels), ColorMode.Grayscale, "image.raw");
        Assert.Equal(new ImageSize(5, 5), size);
        AssertClose(sized, lines[0]);

        var turned = BatchTensor.FromValues("x", [1, 1, 5, 5], [.. sized]);
        new Augmenter([new Rot90Step([1])]).Apply(turned, new SeededRandom(1));
        AssertClose(turned.Values!, lines[1]);

        // Zoom out by 2 about the centre: the script fills with zeros, the runtime with edge pixels, so compare the inside.
        var row = BatchTensor.FromValues("x", [1, 1, 1, 5], [0f, 1f, 2f, 3f, 4f]);
        new Augmenter([new ZoomStep(2, 2)]).Apply(row, new SeededRandom(1));
        AssertClose(row.Values![1..4], lines[2][1..4]);

        var bright = BatchTensor.FromValues("x", [1, 1, 1, 3], [0f, 100f, 200f]);
        new Augmenter([new BrightnessStep(2, 2)]).Apply(bright, new SeededRandom(1));
        AssertClose(bright.Values!, lines[3]);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-3, $"element {i}: runtime {expected[i]}, script {actual[i]}");
        }
    }
}
