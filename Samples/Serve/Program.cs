using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Images;
using ModelDsl.Runtime.Weights;
using ModelDsl.Samples.Transfer;
using Tensor = ModelDsl.Runtime.Cpu.Tensor;

namespace ModelDsl.Samples.Serve;

/// <summary>
/// Classifies every image under a folder twice — with ONNX Runtime on <c>Classifier.onnx</c>, and with the generated
/// <c>Classifier</c> on its safetensors weights — and prints both answers per file (they agree). Preprocessing is the
/// training's, by hand: resize to 32×32, RGB, <c>mean_std</c> with torchvision's ImageNet statistics (an ONNX graph
/// holds the model only). When the images sit in class folders, the accuracy is printed too.
/// Usage: <c>Serve IMAGES [--runs DIR]</c> (DIR holds Classifier.onnx, .safetensors and .classes.txt; default runs).
/// </summary>
public static class Program
{
    private const int Size = 32;
    private static readonly float[] Mean = { 0.485f, 0.456f, 0.406f };
    private static readonly float[] Std = { 0.229f, 0.224f, 0.225f };

    public static int Main(string[] args)
    {
        if (args.Length is not (1 or 3) || (args.Length == 3 && args[1] != "--runs"))
        {
            Console.Error.WriteLine("usage: Serve IMAGES [--runs DIR]");
            return 2;
        }

        var images = args[0];
        var runs = args.Length == 3 ? args[2] : "runs";
        try
        {
            var classes = File.ReadAllLines(Path.Combine(runs, "Classifier.classes.txt"));
            var files = Directory.EnumerateFiles(images, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                Console.Error.WriteLine($"Serve: no files under {images}");
                return 1;
            }

            var batch = new float[files.Count * 3 * Size * Size];
            for (var i = 0; i < files.Count; i++)
            {
                Preprocess(files[i]).CopyTo(batch, i * 3 * Size * Size);
            }

            // 1. ONNX Runtime: the exported graph, no ModelDsl code at all.
            using var session = new InferenceSession(Path.Combine(runs, "Classifier.onnx"));
            using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("image", new DenseTensor<float>(batch, new[] { files.Count, 3, Size, Size })) });
            var onnx = results.Single().AsTensor<float>().ToArray();

            // 2. The generated model with the safetensors weights (the same file loads on the TorchSharp build).
            var model = new Classifier();
            model.LoadWeights(Path.Combine(runs, "Classifier.safetensors"));
            model.Eval();
            var generated = model.Forward(Tensor.FromArray(batch, files.Count, 3, Size, Size)).ToArray();

            int agree = 0, labelled = 0, correct = 0;
            for (var i = 0; i < files.Count; i++)
            {
                var (a, pa) = Best(onnx, i, classes.Length);
                var (b, pb) = Best(generated, i, classes.Length);
                agree += a == b ? 1 : 0;
                var folder = Path.GetFileName(Path.GetDirectoryName(files[i]));
                if (Array.IndexOf(classes, folder) is var truth and >= 0)
                {
                    labelled++;
                    correct += a == truth ? 1 : 0;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Path.GetRelativePath(images, files[i])}: onnx {classes[a]} ({pa:F3}), model {classes[b]} ({pb:F3})"));
            }

            Console.WriteLine($"{files.Count} images; ONNX Runtime and the generated model agree on {agree}.");
            if (labelled > 0)
            {
                Console.WriteLine("accuracy=" + ((double)correct / labelled).ToString("F4", CultureInfo.InvariantCulture));
            }

            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or WeightFileException or ImageFormatException or OnnxRuntimeException or DataException)
        {
            Console.Error.WriteLine($"Serve: {e.Message}");
            return 1;
        }
    }

    // What the trainer does to a folder(...) image: decode, RGB, bilinear resize, then (x / 255 − mean) / std.
    private static float[] Preprocess(string file)
    {
        DecodedImage image;
        try
        {
            image = ImageDecoder.Decode(File.ReadAllBytes(file));
        }
        catch (ImageFormatException e)
        {
            throw new ImageFormatException($"{file}: {e.Message}");
        }

        var chw = ImageDecoder.ToChw(image, ColorMode.Rgb, Size, Size);
        for (var c = 0; c < 3; c++)
        {
            for (var p = 0; p < Size * Size; p++)
            {
                chw[c * Size * Size + p] = ((chw[c * Size * Size + p] / 255f) - Mean[c]) / Std[c];
            }
        }

        return chw;
    }

    private static (int Class, float Probability) Best(IReadOnlyList<float> probabilities, int row, int classes)
    {
        var best = 0;
        for (var c = 1; c < classes; c++)
        {
            if (probabilities[row * classes + c] > probabilities[row * classes + best])
            {
                best = c;
            }
        }

        return (best, probabilities[row * classes + best]);
    }
}
