using System;
using System.Diagnostics;
using System.Globalization;
using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Cpu.Kernels;
using ModelDsl.Runtime.Cpu.Modules;
using ModelDsl.Runtime.Cpu.Optim;

namespace ModelDsl.Bench;

/// <summary>`train --engine cpu`: the workload on the Cpu engine (Adam, lr 1e-3), with optional phase timings.</summary>
internal static class CpuTrain
{
    /// <summary>
    /// Untimed steps on a throwaway model, as both TorchSharp engines run, so every engine starts the measured run warm
    /// (JIT, buffers). The measured model is seeded afterwards, so its run is the same as without the warm-up.
    /// </summary>
    private static void WarmUp(TrainSettings settings)
    {
        var train = settings.Train;
        var rows = Math.Min(train.Count, BenchData.WarmupSteps * settings.BatchSize);
        var model = CpuNetworks.Create(settings.Model);
        var optimizer = new Adam(model.Parameters(), lr: 1e-3);
        model.Train();
        for (var first = 0; first < rows; first += settings.BatchSize)
        {
            var count = Math.Min(settings.BatchSize, rows - first);
            using (TensorScope.Begin())
            {
                var x = Tensor.FromSpan(train.Images.AsSpan(first * train.Pixels, count * train.Pixels), count, 1, train.Side, train.Side);
                optimizer.ZeroGrad();
                var loss = Functional.SparseCrossEntropy(model.Forward(x), train.Labels.AsSpan(first, count));
                loss.Backward();
                optimizer.Step();
                _ = loss.Item();
            }
        }
    }

    public static TrainResult Run(TrainSettings settings)
    {
        KernelThreads.Count = settings.Threads;
        WarmUp(settings);
        CpuEngine.ManualSeed(settings.Seed);
        var model = CpuNetworks.Create(settings.Model);
        var optimizer = new Adam(model.Parameters(), lr: 1e-3);
        var train = settings.Train;
        var batchSize = settings.BatchSize;
        var pixels = train.Pixels;
        var count = train.Count;
        var order = new int[count];
        var random = new Random(settings.Seed);
        var batchImages = new float[batchSize * pixels];
        var batchLabels = new int[batchSize];
        var phases = new double[3];
        var trainingSeconds = 0.0;
        var firstEpochMb = 0.0;
        var lastEpochMb = 0.0;
        Console.Error.WriteLine(
            $"cpu {BenchModels.Name(settings.Model)}: {count} examples, batch {batchSize}, {settings.Epochs} epoch(s), " +
            $"{settings.Threads} kernel thread(s), {model.ParameterCount()} parameters");
        for (var epoch = 1; epoch <= settings.Epochs; epoch++)
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
                    train.Images.AsSpan(index * pixels, pixels).CopyTo(batchImages.AsSpan(r * pixels));
                    batchLabels[r] = train.Labels[index];
                }

                using (TensorScope.Begin())
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var x = Tensor.FromSpan(batchImages.AsSpan(0, rows * pixels), rows, 1, train.Side, train.Side);
                    optimizer.ZeroGrad();
                    var loss = Functional.SparseCrossEntropy(model.Forward(x), batchLabels.AsSpan(0, rows));
                    var t1 = Stopwatch.GetTimestamp();
                    loss.Backward();
                    var t2 = Stopwatch.GetTimestamp();
                    optimizer.Step();
                    var t3 = Stopwatch.GetTimestamp();
                    lossSum += loss.Item() * rows;
                    if (settings.Profile)
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
            lastEpochMb = WorkingSet.CurrentMb();
            if (epoch == 1)
            {
                firstEpochMb = lastEpochMb;
            }

            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"epoch {epoch}: loss {lossSum / count:F4}, {count / seconds:F0} ex/s, {seconds:F2} s, " +
                $"{allocatedPerStep:F0} bytes allocated per step after warm-up, working set {lastEpochMb:F0} MiB"));
        }

        if (settings.Profile)
        {
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"profile: forward+loss {phases[0]:F2} s, backward {phases[1]:F2} s, optimiser {phases[2]:F2} s, " +
                $"rest (batching, scope) {trainingSeconds - phases[0] - phases[1] - phases[2]:F2} s"));
        }

        var accuracy = Evaluate(model, settings.Test);
        return new TrainResult(count * (double)settings.Epochs / trainingSeconds, accuracy, WorkingSet.PeakMb(), lastEpochMb - firstEpochMb);
    }

    private static double Evaluate(Module<Tensor, Tensor> model, BenchData test)
    {
        model.Eval();
        var correct = 0;
        const int Batch = 1000;
        using (Autograd.NoGrad())
        {
            for (var first = 0; first < test.Count; first += Batch)
            {
                var rows = Math.Min(Batch, test.Count - first);
                using (TensorScope.Begin())
                {
                    var x = Tensor.FromSpan(test.Images.AsSpan(first * test.Pixels, rows * test.Pixels), rows, 1, test.Side, test.Side);
                    var logits = model.Forward(x).Data;
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

                        if (best == test.Labels[first + r])
                        {
                            correct++;
                        }
                    }
                }
            }
        }

        return correct / (double)test.Count;
    }
}
