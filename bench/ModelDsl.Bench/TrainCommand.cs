using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Cpu.Kernels;
using ModelDsl.Runtime.Cpu.Modules;
using ModelDsl.Runtime.Cpu.Optim;
using ModelDsl.Runtime.Data;

namespace ModelDsl.Bench;

/// <summary>
/// `train`: trains the MNIST DNN or convnet on Fashion-MNIST with the Cpu engine (Adam, lr 1e-3) and prints
/// `train_examples_per_second=… test_accuracy=…` as its last line; bench/pytorch_train.py is the same workload in
/// PyTorch. Throughput counts the training loop only (batch gathering, forward, backward, optimiser step), not
/// data loading or evaluation.
/// </summary>
internal static class TrainCommand
{
    private const int Pixels = 28 * 28;

    public static int Run(string[] args)
    {
        var options = new BenchOptions(args, "model", "batch-size", "epochs", "threads", "data", "seed", "limit", "profile");
        var modelName = options.Text("model", "dnn");
        if (modelName is not ("dnn" or "cnn"))
        {
            throw new BenchUsageException($"--model must be dnn or cnn, got '{modelName}'.");
        }

        var batchSize = options.Int("batch-size", 32, 1, 65536);
        var epochs = options.Int("epochs", 1, 1, 1000);
        var threads = options.Int("threads", Environment.ProcessorCount, 1, 256);
        var seed = options.Int("seed", 0, 0, int.MaxValue);
        var limit = options.Int("limit", int.MaxValue, 1, int.MaxValue);
        var data = options.Text("data", "/usr/share/datasets/fashion-mnist");
        var profile = options.Int("profile", 0, 0, 1) == 1;
        var phases = new double[4];

        KernelThreads.Count = threads;
        CpuEngine.ManualSeed(seed);
        var (trainImages, trainLabels) = Load(data, "train", limit);
        var (testImages, testLabels) = Load(data, "t10k", int.MaxValue);
        var model = modelName == "dnn" ? Dnn() : Cnn();
        var optimizer = new Adam(model.Parameters(), lr: 1e-3);
        var inputShape = modelName == "dnn" ? new[] { batchSize, Pixels } : new[] { batchSize, 1, 28, 28 };

        var count = trainLabels.Length;
        var order = new int[count];
        var random = new Random(seed);
        var batchImages = new float[batchSize * Pixels];
        var batchLabels = new int[batchSize];
        var trainingSeconds = 0.0;
        long examples = 0;
        Console.Error.WriteLine(
            $"train {modelName}: {count} examples, batch {batchSize}, {epochs} epoch(s), {threads} kernel thread(s), " +
            $"{model.ParameterCount()} parameters");
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            for (var i = 0; i < count; i++)
            {
                order[i] = i;
            }

            random.Shuffle(order);
            model.Train();
            var lossSum = 0.0;
            var steps = 0;
            long allocatedAtStep10 = 0;
            var started = Stopwatch.GetTimestamp();
            for (var first = 0; first < count; first += batchSize)
            {
                var rows = Math.Min(batchSize, count - first);
                for (var r = 0; r < rows; r++)
                {
                    var index = order[first + r];
                    trainImages.AsSpan(index * Pixels, Pixels).CopyTo(batchImages.AsSpan(r * Pixels));
                    batchLabels[r] = trainLabels[index];
                }

                using (TensorScope.Begin())
                {
                    var shape = inputShape;
                    if (rows != batchSize)
                    {
                        shape = (int[])inputShape.Clone();
                        shape[0] = rows;
                    }

                    var t0 = Stopwatch.GetTimestamp();
                    var x = Tensor.FromSpan(batchImages.AsSpan(0, rows * Pixels), shape);
                    optimizer.ZeroGrad();
                    var loss = Functional.SparseCrossEntropy(model.Forward(x), batchLabels.AsSpan(0, rows));
                    var t1 = Stopwatch.GetTimestamp();
                    loss.Backward();
                    var t2 = Stopwatch.GetTimestamp();
                    optimizer.Step();
                    var t3 = Stopwatch.GetTimestamp();
                    lossSum += loss.Item() * rows;
                    if (profile)
                    {
                        phases[0] += Stopwatch.GetElapsedTime(t0, t1).TotalSeconds;
                        phases[1] += Stopwatch.GetElapsedTime(t1, t2).TotalSeconds;
                        phases[2] += Stopwatch.GetElapsedTime(t2, t3).TotalSeconds;
                    }
                }

                steps++;
                if (steps == 10)
                {
                    allocatedAtStep10 = GC.GetTotalAllocatedBytes();
                }
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var allocatedPerStep = steps > 20 ? (GC.GetTotalAllocatedBytes() - allocatedAtStep10) / (double)(steps - 10) : double.NaN;
            trainingSeconds += seconds;
            examples += count;
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"epoch {epoch}: loss {lossSum / count:F4}, {count / seconds:F0} ex/s, {seconds:F2} s, " +
                $"{allocatedPerStep:F0} bytes allocated per step after warm-up"));
        }

        if (profile)
        {
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"profile: forward+loss {phases[0]:F2} s, backward {phases[1]:F2} s, optimiser {phases[2]:F2} s, " +
                $"rest (batching, scope) {trainingSeconds - phases[0] - phases[1] - phases[2]:F2} s"));
        }

        var accuracy = Evaluate(model, testImages, testLabels, modelName == "dnn");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"train_examples_per_second={examples / trainingSeconds:F1} test_accuracy={accuracy:F4}"));
        return 0;
    }

    private static Sequential Dnn() => new(
        ("flatten", new Flatten()),
        ("dense1", new Linear(Pixels, 512)),
        ("relu1", new Activation(ActivationKind.Relu)),
        ("dense2", new Linear(512, 512)),
        ("relu2", new Activation(ActivationKind.Relu)),
        ("dense3", new Linear(512, 10)));

    private static Sequential Cnn() => new(
        ("conv1", new Conv2d(1, 32, (3, 3))),
        ("relu1", new Activation(ActivationKind.Relu)),
        ("pool1", new MaxPool2d((2, 2))),
        ("conv2", new Conv2d(32, 64, (3, 3))),
        ("relu2", new Activation(ActivationKind.Relu)),
        ("pool2", new MaxPool2d((2, 2))),
        ("conv3", new Conv2d(64, 64, (3, 3))),
        ("relu3", new Activation(ActivationKind.Relu)),
        ("flatten", new Flatten()),
        ("dense1", new Linear(576, 64)),
        ("relu4", new Activation(ActivationKind.Relu)),
        ("dense2", new Linear(64, 10)));

    private static double Evaluate(Sequential model, float[] images, int[] labels, bool flat)
    {
        model.Eval();
        var correct = 0;
        const int Batch = 1000;
        using (Autograd.NoGrad())
        {
            for (var first = 0; first < labels.Length; first += Batch)
            {
                var rows = Math.Min(Batch, labels.Length - first);
                using (TensorScope.Begin())
                {
                    int[] shape = flat ? [rows, Pixels] : [rows, 1, 28, 28];
                    var logits = model.Forward(Tensor.FromSpan(images.AsSpan(first * Pixels, rows * Pixels), shape)).Data;
                    for (var r = 0; r < rows; r++)
                    {
                        var row = logits.Slice(r * 10, 10);
                        var best = 0;
                        for (var c = 1; c < 10; c++)
                        {
                            if (row[c] > row[best])
                            {
                                best = c;
                            }
                        }

                        if (best == labels[first + r])
                        {
                            correct++;
                        }
                    }
                }
            }
        }

        return correct / (double)labels.Length;
    }

    /// <summary>Images scaled to [0, 1] and labels of one split, read with the runtime's IDX reader.</summary>
    private static (float[] Images, int[] Labels) Load(string directory, string split, int limit)
    {
        var images = IdxReader.Read(Find(directory, $"{split}-images-idx3-ubyte"));
        var labels = IdxReader.Read(Find(directory, $"{split}-labels-idx1-ubyte")).ToLabels();
        if (images.Count != labels.Length || images.Values.Length != images.Count * Pixels)
        {
            throw new BenchUsageException($"{directory}: {split} images and labels do not match 28×28 Fashion-MNIST.");
        }

        var count = Math.Min(limit, labels.Length);
        var values = images.Values.AsSpan(0, count * Pixels).ToArray();
        System.Numerics.Tensors.TensorPrimitives.Multiply(values, 1f / 255f, values);
        return (values, labels.AsSpan(0, count).ToArray());
    }

    private static string Find(string directory, string stem)
    {
        foreach (var name in new[] { stem, stem + ".gz" })
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new BenchUsageException($"{Path.Combine(directory, stem)}[.gz] not found (install dataset-fashion-mnist).");
    }
}
