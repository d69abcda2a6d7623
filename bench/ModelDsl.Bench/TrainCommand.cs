using System;
using System.Globalization;

namespace ModelDsl.Bench;

/// <summary>
/// `train`: trains one <see cref="BenchModel"/> on Fashion-MNIST with one engine (<c>--engine cpu</c>, the default, or
/// <c>torchsharp</c>, the same network hand-written in TorchSharp) and prints
/// <c>train_examples_per_second=… test_accuracy=… peak_working_set_mb=… working_set_growth_mb=…</c> as its last line,
/// the line `compare` and bench/pytorch_train.py share.
/// </summary>
internal static class TrainCommand
{
    public const string Usage =
        "train [--engine cpu|torchsharp] [--model dnn|cnn|resnet] [--batch-size N] [--epochs N] [--threads N] [--limit N] " +
        "[--seed N] [--profile 0|1] [--data DIR]";

    public static int Run(string[] args)
    {
        var options = new BenchOptions(args, "engine", "model", "batch-size", "epochs", "threads", "data", "seed", "limit", "profile");
        var engine = options.Text("engine", "cpu");
        if (engine is not ("cpu" or "torchsharp"))
        {
            throw new BenchUsageException($"--engine must be cpu or torchsharp, got '{engine}'.");
        }

        var model = BenchModels.Parse(options.Text("model", "dnn"));
        var data = options.Text("data", "/usr/share/datasets/fashion-mnist");
        var side = BenchModels.Side(model);
        var settings = new TrainSettings(
            model,
            BatchSize: options.Int("batch-size", 32, 1, 65536),
            Epochs: options.Int("epochs", 1, 1, 1000),
            Threads: options.Int("threads", Environment.ProcessorCount, 1, 256),
            Seed: options.Int("seed", 0, 0, int.MaxValue),
            Train: BenchData.Load(data, "train", options.Int("limit", int.MaxValue, 1, int.MaxValue), side),
            Test: BenchData.Load(data, "t10k", int.MaxValue, side),
            Profile: options.Int("profile", 0, 0, 1) == 1);
        var result = engine == "cpu" ? CpuTrain.Run(settings) : TorchSharpTrain.Run(settings);
        Console.WriteLine(Format(result));
        return 0;
    }

    public static string Format(TrainResult result) => string.Create(
        CultureInfo.InvariantCulture,
        $"train_examples_per_second={result.ExamplesPerSecond:F1} test_accuracy={result.TestAccuracy:F4} " +
        $"peak_working_set_mb={result.PeakWorkingSetMb:F0} working_set_growth_mb={result.WorkingSetGrowthMb:F0}");
}
