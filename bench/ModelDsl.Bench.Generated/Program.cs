using System;
using System.Collections.Generic;
using System.Globalization;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Progress;
using ModelDsl.Runtime.Reporting;

namespace ModelDsl.Bench.Generated;

/// <summary>
/// The "generated" column of `ModelDsl.Bench compare`: trains a workload with the TorchSharp trainer generated from
/// Models/bench.model (its own <c>Fit</c>, batching and metrics included) and prints the line every engine of the
/// bench prints: <c>train_examples_per_second=… test_accuracy=… peak_working_set_mb=… working_set_growth_mb=…</c>.
/// Usage: <c>ModelDsl.Bench.Generated --model dnn|cnn|resnet --batch-size N [--epochs N] [--threads N] [--limit N]
/// [--seed N] [--data DIR]</c>; a workload needs a train declaration of that batch size in bench.model.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            var options = Parse(args);
            var model = options.GetValueOrDefault("model", "dnn");
            var batchSize = Int(options, "batch-size", 32);
            var epochs = Int(options, "epochs", 1);
            var seed = Int(options, "seed", 0, min: 0);
            var side = model == "resnet" ? 32 : BenchData.MnistSide;
            var data = options.GetValueOrDefault("data", "/usr/share/datasets/fashion-mnist");
            var train = BenchData.Load(data, "train", Int(options, "limit", int.MaxValue), side);
            var test = BenchData.Load(data, "t10k", int.MaxValue, side);
            TorchSharp.torch.set_num_threads(Int(options, "threads", Environment.ProcessorCount));

            var clock = new EpochClock();
            var trainSet = Dataset.FromArrays(train.Images, [1, side, side], train.Labels, classCount: 10);
            var testSet = Dataset.FromArrays(test.Images, [1, side, side], test.Labels, classCount: 10);
            double? Run(Dataset fitData, int fitEpochs, IProgressReporter progress, Dataset? evaluation) => (model, batchSize) switch
            {
                ("dnn", 32) => Train(new Dnn32Trainer(seed: seed) { Epochs = fitEpochs, Progress = progress }, t => t.Fit(fitData), t => t.Evaluate(evaluation!), evaluation is not null),
                ("dnn", 128) => Train(new Dnn128Trainer(seed: seed) { Epochs = fitEpochs, Progress = progress }, t => t.Fit(fitData), t => t.Evaluate(evaluation!), evaluation is not null),
                ("cnn", 64) => Train(new Cnn64Trainer(seed: seed) { Epochs = fitEpochs, Progress = progress }, t => t.Fit(fitData), t => t.Evaluate(evaluation!), evaluation is not null),
                ("resnet", 64) => Train(new ResNet64Trainer(seed: seed) { Epochs = fitEpochs, Progress = progress }, t => t.Fit(fitData), t => t.Evaluate(evaluation!), evaluation is not null),
                _ => throw new BenchUsageException($"no generated trainer for {model}:{batchSize}; add a train declaration to Models/bench.model."),
            };

            // Warm-up, not timed, as in the hand-written engine: a throwaway trainer fits the first few batches, so the
            // JIT, libtorch's kernels and its allocator are warm when the measured run starts. The measured trainer
            // seeds libtorch again when it is built, so its run is the same as without the warm-up.
            var warmCount = Math.Min(train.Count, BenchData.WarmupSteps * batchSize);
            Run(Dataset.FromArrays(train.Images[..(warmCount * side * side)], [1, side, side], train.Labels[..warmCount], classCount: 10), 1, NullProgressReporter.Instance, null);
            var accuracy = Run(trainSet, epochs, clock, testSet)!.Value;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"train_examples_per_second={train.Count * (double)epochs / clock.TrainingSeconds:F1} test_accuracy={accuracy:F4} " +
                $"peak_working_set_mb={clock.PeakMb():F0} working_set_growth_mb={clock.GrowthMb:F0}"));
            return 0;
        }
        catch (BenchUsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    /// <summary>Fits (the clock times each epoch) and returns the test accuracy, if asked; the trainers share members, not a type.</summary>
    private static double? Train<T>(T trainer, Func<T, History> fit, Func<T, Dictionary<string, double>> evaluate, bool evaluates)
        where T : IDisposable
    {
        using (trainer)
        {
            fit(trainer);
            return evaluates ? evaluate(trainer)["accuracy"] : null;
        }
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new BenchUsageException($"expected an option, got '{args[i]}'.");
            }

            options[args[i][2..]] = args[i + 1];
        }

        return options;
    }

    private static int Int(Dictionary<string, string> options, string name, int fallback, int min = 1) =>
        !options.TryGetValue(name, out var text) ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min ? value
        : throw new BenchUsageException($"--{name} must be an integer of at least {min}, got '{text}'.");
}
