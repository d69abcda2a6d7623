using System;
using System.Diagnostics;
using System.Globalization;
using ModelDsl.Runtime.Cpu.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Bench;

/// <summary>
/// `conv`: milliseconds per call of every convolution one training step of the convnet and the ResNet-style net
/// issues (batch 64), forward and backward (input gradient, when the layer is not the first, plus weight gradient),
/// Cpu engine against libtorch's <c>conv2d</c> (TorchSharp-cpu) on the same thread count, interleaved in one process.
/// It shows which layers and which pass the training gap comes from. `--set resnet18 --batch-size 1`: the layers of
/// the `infer` ResNet-18 instead.
/// </summary>
internal static class ConvCommand
{
    private sealed record Layer(string Name, int Channels, int Side, int OutChannels, int Kernel, int Stride, int Pad, bool First);

    private static readonly Layer[] Layers =
    [
        new("cnn conv1 1→32 28²", 1, 28, 32, 3, 1, 0, First: true),
        new("cnn conv2 32→64 13²", 32, 13, 64, 3, 1, 0, First: false),
        new("cnn conv3 64→64 5²", 64, 5, 64, 3, 1, 0, First: false),
        new("res stem 1→16 32²", 1, 32, 16, 3, 1, 1, First: true),
        new("res s1 16→16 32²", 16, 32, 16, 3, 1, 1, First: false),
        new("res s2a 16→32 /2", 16, 32, 32, 3, 2, 1, First: false),
        new("res s2b 32→32 16²", 32, 16, 32, 3, 1, 1, First: false),
        new("res s2 short 1×1 /2", 16, 32, 32, 1, 2, 0, First: false),
        new("res s3a 32→64 /2", 32, 16, 64, 3, 2, 1, First: false),
        new("res s3b 64→64 8²", 64, 8, 64, 3, 1, 1, First: false),
        new("res s3 short 1×1 /2", 32, 16, 64, 1, 2, 0, First: false),
    ];

    /// <summary>ResNet-18's convolutions on 3×112×112 inputs (the `infer` model), one of each shape.</summary>
    private static readonly Layer[] ResNet18Layers =
    [
        new("r18 stem 3→64 7×7 /2", 3, 112, 64, 7, 2, 3, First: true),
        new("r18 l1 64→64 28²", 64, 28, 64, 3, 1, 1, First: false),
        new("r18 l2a 64→128 /2", 64, 28, 128, 3, 2, 1, First: false),
        new("r18 l2b 128→128 14²", 128, 14, 128, 3, 1, 1, First: false),
        new("r18 l2 short 1×1 /2", 64, 28, 128, 1, 2, 0, First: false),
        new("r18 l3a 128→256 /2", 128, 14, 256, 3, 2, 1, First: false),
        new("r18 l3b 256→256 7²", 256, 7, 256, 3, 1, 1, First: false),
        new("r18 l4a 256→512 /2", 256, 7, 512, 3, 2, 1, First: false),
        new("r18 l4b 512→512 4²", 512, 4, 512, 3, 1, 1, First: false),
    ];

    public static int Run(string[] args)
    {
        var options = new BenchOptions(args, "threads", "batch-size", "filter", "rounds", "set");
        var layers = options.Text("set", "training") switch
        {
            "training" => Layers,
            "resnet18" => ResNet18Layers,
            var other => throw new BenchUsageException($"--set must be training or resnet18, got '{other}'."),
        };
        var threads = options.Int("threads", 2, 1, 256);
        var batch = options.Int("batch-size", 64, 1, 4096);
        var rounds = options.Int("rounds", 5, 1, 100);
        var filter = options.Text("filter", string.Empty);
        KernelThreads.Count = threads;
        torch.set_num_threads(threads);
        Console.WriteLine($"{threads} thread(s), batch {batch}, best of {rounds} rounds; ms per call");
        Console.WriteLine($"{"layer",-24} {"cpu fwd",8} {"ts fwd",8} {"cpu bwd",8} {"ts bwd",8} {"fwd ts/cpu",10} {"bwd ts/cpu",10}");
        double cpuTotal = 0, torchTotal = 0;
        foreach (var layer in layers)
        {
            if (!layer.Name.Contains(filter, StringComparison.Ordinal))
            {
                continue;
            }

            var (cpuForward, cpuBackward) = MeasureCpu(layer, batch, rounds);
            var (torchForward, torchBackward) = MeasureTorch(layer, batch, rounds);
            cpuTotal += cpuForward + cpuBackward;
            torchTotal += torchForward + torchBackward;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{layer.Name,-24} {cpuForward,8:F3} {torchForward,8:F3} {cpuBackward,8:F3} {torchBackward,8:F3} {torchForward / cpuForward,10:F2} {torchBackward / cpuBackward,10:F2}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total cpu={cpuTotal:F3} torchsharp={torchTotal:F3} torchsharp/cpu={torchTotal / cpuTotal:F2}"));
        return 0;
    }

    private static (double Forward, double Backward) MeasureCpu(Layer layer, int batch, int rounds)
    {
        var g = new Conv2dShape(
            batch, layer.Channels, layer.Side, layer.Side, layer.OutChannels, layer.Kernel, layer.Kernel, layer.Stride, layer.Stride,
            layer.Pad, layer.Pad, layer.Pad, layer.Pad);
        var random = new Random(1);
        var input = Filled(g.InputSize, random);
        var weight = Filled(g.WeightSize, random);
        var bias = Filled(g.OutChannels, random);
        var output = new float[g.OutputSize];
        var outputGrad = Filled(g.OutputSize, random);
        var inputGrad = new float[g.InputSize];
        var weightGrad = new float[g.WeightSize];
        var biasGrad = new float[g.OutChannels];
        var forward = Best(rounds, () => Conv2dKernel.Forward(g, input, weight, bias, output));
        var backward = Best(rounds, () =>
        {
            if (!layer.First)
            {
                Conv2dKernel.BackwardInput(g, outputGrad, weight, inputGrad, accumulate: false);
            }

            Conv2dKernel.BackwardWeight(g, input, outputGrad, weightGrad, biasGrad, accumulate: false);
        });
        return (forward, backward);
    }

    private static (double Forward, double Backward) MeasureTorch(Layer layer, int batch, int rounds)
    {
        using var input = torch.randn(batch, layer.Channels, layer.Side, layer.Side).requires_grad_(!layer.First);
        using var weight = torch.randn(layer.OutChannels, layer.Channels, layer.Kernel, layer.Kernel).requires_grad_(true);
        using var bias = torch.randn(layer.OutChannels).requires_grad_(true);
        long[] stride = [layer.Stride, layer.Stride];
        long[] padding = [layer.Pad, layer.Pad];
        var forward = Best(rounds, () =>
        {
            using var scope = torch.NewDisposeScope();
            using var _ = torch.no_grad();
            nn.functional.conv2d(input, weight, bias, stride, padding);
        });
        var backward = Best(rounds, () =>
        {
            using var scope = torch.NewDisposeScope();
            var output = nn.functional.conv2d(input, weight, bias, stride, padding);
            var grads = torch.autograd.grad([output], layer.First ? [weight, bias] : [input, weight, bias], [torch.ones_like(output)]);
        }) - forward;
        return (forward, Math.Max(backward, 1e-6));
    }

    /// <summary>Best milliseconds per call over rounds of at least 50 ms each, after a warm-up.</summary>
    private static double Best(int rounds, Action call)
    {
        call();
        call();
        var best = double.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            var start = Stopwatch.GetTimestamp();
            var calls = 0;
            do
            {
                call();
                calls++;
            }
            while (Stopwatch.GetElapsedTime(start).TotalMilliseconds < 50);

            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds / calls);
        }

        return best;
    }

    private static float[] Filled(int size, Random random)
    {
        var values = new float[size];
        for (var i = 0; i < size; i++)
        {
            values[i] = (float)(random.NextDouble() - 0.5);
        }

        return values;
    }
}
