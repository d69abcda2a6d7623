using System;
using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Bench;

/// <summary>
/// `train --engine torchsharp`: the workload hand-written in TorchSharp as its documentation teaches (a dispose
/// scope per step, <c>index_select</c> batches from tensors holding the whole split, <c>optim.Adam</c> lr 1e-3).
/// </summary>
internal static class TorchSharpTrain
{
    public static TrainResult Run(TrainSettings settings)
    {
        if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null)
        {
            Console.Error.WriteLine("warning: OMP_WAIT_POLICY is not set, so libtorch's threads busy-wait (`bench compare` sets PASSIVE).");
        }

        torch.set_num_threads(settings.Threads);
        var train = settings.Train;
        WarmUp(settings);
        torch.manual_seed(settings.Seed);
        using var model = TorchSharpNetworks.Create(settings.Model);
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        using var images = torch.tensor(train.Images, [train.Count, 1, train.Side, train.Side]);
        using var labels = torch.tensor(Array.ConvertAll(train.Labels, l => (long)l));
        var count = train.Count;
        var trainingSeconds = 0.0;
        var firstEpochMb = 0.0;
        var lastEpochMb = 0.0;
        Console.Error.WriteLine(
            $"torchsharp {BenchModels.Name(settings.Model)}: {count} examples, batch {settings.BatchSize}, {settings.Epochs} epoch(s), " +
            $"{torch.get_num_threads()} intra-op thread(s)");
        for (var epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            model.train();
            var lossSum = 0.0;
            var started = Stopwatch.GetTimestamp();
            using (var order = torch.randperm(count))
            {
                for (var first = 0; first < count; first += settings.BatchSize)
                {
                    var rows = Math.Min(settings.BatchSize, count - first);
                    using var scope = torch.NewDisposeScope();
                    var index = order.narrow(0, first, rows);
                    optimizer.zero_grad();
                    var loss = nn.functional.cross_entropy(model.call(images.index_select(0, index)), labels.index_select(0, index));
                    loss.backward();
                    optimizer.step();
                    lossSum += loss.item<float>() * rows;
                }
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            trainingSeconds += seconds;
            lastEpochMb = WorkingSet.CurrentMb();
            if (epoch == 1)
            {
                firstEpochMb = lastEpochMb;
            }

            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"epoch {epoch}: loss {lossSum / count:F4}, {count / seconds:F0} ex/s, {seconds:F2} s, working set {lastEpochMb:F0} MiB"));
        }

        var accuracy = Evaluate(model, settings.Test);
        return new TrainResult(count * (double)settings.Epochs / trainingSeconds, accuracy, WorkingSet.PeakMb(), lastEpochMb - firstEpochMb);
    }

    /// <summary>
    /// Untimed steps on a throwaway model, as the generated engine runs a throwaway trainer, so both start the
    /// measured run warm (JIT, libtorch's kernels and allocator). The measured model is seeded afterwards.
    /// </summary>
    private static void WarmUp(TrainSettings settings)
    {
        var train = settings.Train;
        var rows = Math.Min(train.Count, BenchData.WarmupSteps * settings.BatchSize);
        using var model = TorchSharpNetworks.Create(settings.Model);
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        using var images = torch.tensor(train.Images[..(rows * train.Pixels)], [rows, 1, train.Side, train.Side]);
        using var labels = torch.tensor(Array.ConvertAll(train.Labels[..rows], l => (long)l));
        model.train();
        for (var first = 0; first < rows; first += settings.BatchSize)
        {
            using var scope = torch.NewDisposeScope();
            var count = Math.Min(settings.BatchSize, rows - first);
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.call(images.narrow(0, first, count)), labels.narrow(0, first, count));
            loss.backward();
            optimizer.step();
            _ = loss.item<float>();
        }
    }

    private static double Evaluate(nn.Module<Tensor, Tensor> model, BenchData test)
    {
        model.eval();
        using var images = torch.tensor(test.Images, [test.Count, 1, test.Side, test.Side]);
        using var labels = torch.tensor(Array.ConvertAll(test.Labels, l => (long)l));
        long correct = 0;
        using (torch.no_grad())
        {
            for (var first = 0; first < test.Count; first += 1000)
            {
                using var scope = torch.NewDisposeScope();
                var rows = Math.Min(1000, test.Count - first);
                var predicted = model.call(images.narrow(0, first, rows)).argmax(1);
                correct += predicted.eq(labels.narrow(0, first, rows)).sum().item<long>();
            }
        }

        return correct / (double)test.Count;
    }
}
