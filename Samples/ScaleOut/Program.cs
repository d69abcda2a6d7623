using System;
using System.Globalization;
using System.IO;
using System.Linq;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Weights;
using ModelDsl.Samples.FashionMnist;

namespace ModelDsl.Samples.ScaleOut;

/// <summary>
/// Loads weights trained by the emitted PyTorch script under torchrun into the generated FashionDnn trainer and
/// evaluates them on the Fashion-MNIST test set, exactly as the script did: the last line, <c>test_accuracy=0.xxxx</c>,
/// is the one torchrun printed. Usage: <c>ScaleOut WEIGHTS.safetensors [--data DIR] [--test-limit N]</c>.
/// </summary>
public static class Program
{
    private const string Usage = "usage: ScaleOut WEIGHTS.safetensors [--data DIR] [--test-limit N]";

    public static int Main(string[] args)
    {
        string? weights = null;
        var data = "/usr/share/datasets/fashion-mnist";
        int? testLimit = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data" when i + 1 < args.Length:
                    data = args[++i];
                    break;
                case "--test-limit" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0:
                    testLimit = limit;
                    i++;
                    break;
                case var path when weights is null && !path.StartsWith("--", StringComparison.Ordinal):
                    weights = path;
                    break;
                default:
                    Console.Error.WriteLine($"ScaleOut: unexpected argument '{args[i]}'");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        if (weights is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        try
        {
            using var trainer = new FashionDnnTrainer();
            trainer.LoadWeights(weights);
            var (_, _, test) = FashionDnnTrainer.LoadData(data);

            // --test-limit N: the first N test examples, as the script's option of the same name takes them.
            var examples = testLimit is { } n && n < test!.Count ? test.Select(Enumerable.Range(0, n).ToArray()) : test!;
            var metrics = trainer.Evaluate(examples);
            Console.WriteLine($"Loaded {weights} into FashionDnn; {examples.Count:N0} test images from {data}.");
            Console.WriteLine("test_accuracy=" + metrics["accuracy"].ToString("F4", CultureInfo.InvariantCulture));
            Console.WriteLine("test_loss=" + metrics["loss"].ToString("F4", CultureInfo.InvariantCulture));
            return 0;
        }
        catch (Exception e) when (e is WeightFileException or DataException or IOException)
        {
            Console.Error.WriteLine($"ScaleOut: {e.Message}");
            return 1;
        }
    }
}
