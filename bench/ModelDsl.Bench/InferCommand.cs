using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Cpu.Kernels;
using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using TorchSharp;

namespace ModelDsl.Bench;

/// <summary>
/// `infer`: inference speed of the Cpu engine, TorchSharp-cpu and ONNX Runtime (on the Cpu network exported with
/// <see cref="OnnxNetworks"/>; evaluation mode, no gradients, random weights and
/// inputs, as only speed is measured): batch-1 latency (median) and batch-<c>--batch-size</c> throughput, for the
/// MNIST convnet (1×28×28) and ResNet-18 in torchvision's layout (3×<c>--side</c>×<c>--side</c>). Without
/// <c>--engine</c> it runs every engine as a child process, alternating, with <c>--load N</c> busy processes, and
/// prints the ratios; with <c>--engine</c> it is that child and prints
/// <c>latency_ms=… throughput_ex_per_s=… peak_working_set_mb=…</c>.
/// </summary>
internal static class InferCommand
{
    public const string Usage =
        "infer [--models cnn,resnet18] [--engines cpu,torchsharp,onnxruntime] [--batch-size 256] [--side 112] [--rounds N] [--threads N] [--load N]";

    public static int Run(string[] args)
    {
        var options = new BenchOptions(args, "models", "engines", "engine", "model", "batch-size", "side", "rounds", "threads", "load");
        var batchSize = options.Int("batch-size", 256, 1, 65536);
        var side = options.Int("side", 112, 32, 1024);
        var threads = options.Int("threads", 2, 1, 256);
        return options.Text("engine", "") is { Length: > 0 } engine
            ? RunOne(engine, options.Text("model", "cnn"), batchSize, side, threads)
            : Compare(options, batchSize, side, threads);
    }

    private static int Compare(BenchOptions options, int batchSize, int side, int threads)
    {
        var models = options.Text("models", "cnn,resnet18").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var engines = options.Text("engines", "cpu,torchsharp,onnxruntime").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rounds = options.Int("rounds", 1, 1, 100);
        var load = options.Int("load", 0, 0, 256);
        var waitPolicy = ChildProcesses.WaitPolicy();
        Console.WriteLine(
            $"machine: {ChildProcesses.Machine()}; {threads} thread(s) per engine, OMP_WAIT_POLICY={waitPolicy}, " +
            $"background load: {load} busy process(es), batch {batchSize}, ResNet-18 input 3×{side}×{side}, {rounds} round(s)");
        var spinners = ChildProcesses.StartLoad(load);
        var lines = new List<string>();
        try
        {
            foreach (var model in models)
            {
                var latency = new Dictionary<string, double>();
                var throughput = new Dictionary<string, double>();
                var peak = new Dictionary<string, double>();
                for (var round = 0; round < rounds; round++)
                {
                    for (var k = 0; k < engines.Length; k++)
                    {
                        var engine = engines[(k + round) % engines.Length];
                        var start = ChildProcesses.WithThreads(
                            ChildProcesses.Self([
                                "infer", "--engine", engine, "--model", model, "--batch-size", Invariant(batchSize), "--side", Invariant(side),
                                "--threads", Invariant(threads)]),
                            threads,
                            waitPolicy);
                        var (values, failure) = ChildProcesses.Run(start, "latency_ms", "throughput_ex_per_s");
                        Console.Error.WriteLine($"  {model} {engine}: {(values is null ? failure : string.Join(' ', values.Select(v => $"{v.Key}={v.Value:F1}")))}");
                        if (values is not null)
                        {
                            latency[engine] = Math.Min(latency.GetValueOrDefault(engine, double.MaxValue), values["latency_ms"]);
                            throughput[engine] = Math.Max(throughput.GetValueOrDefault(engine), values["throughput_ex_per_s"]);
                            peak[engine] = Math.Max(peak.GetValueOrDefault(engine), values.GetValueOrDefault("peak_working_set_mb"));
                        }
                    }
                }

                var line = new System.Text.StringBuilder(model);
                foreach (var engine in engines.Where(latency.ContainsKey))
                {
                    line.Append(CultureInfo.InvariantCulture, $" {engine}: b1 {latency[engine]:F2} ms, b{batchSize} {throughput[engine]:F0} ex/s, peak {peak[engine]:F0} MiB;");
                }

                foreach (var other in new[] { "torchsharp", "onnxruntime" })
                {
                    if (latency.TryGetValue("cpu", out var ours) && latency.TryGetValue(other, out var theirs))
                    {
                        line.Append(CultureInfo.InvariantCulture, $" latency {other}/cpu={theirs / ours:F2} throughput cpu/{other}={throughput["cpu"] / throughput[other]:F2}");
                    }
                }

                lines.Add(line.ToString());
            }
        }
        finally
        {
            ChildProcesses.StopLoad(spinners);
        }

        Console.WriteLine();
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        return 0;
    }

    private static int RunOne(string engine, string model, int batchSize, int side, int threads)
    {
        int[] example = model switch
        {
            "cnn" => [1, 28, 28],
            "resnet18" => [3, side, side],
            _ => throw new BenchUsageException($"--model must be cnn or resnet18, got '{model}'."),
        };
        // Fewer repetitions for the big model: one batch of it takes seconds on two cores.
        var (latencyRuns, batchRuns) = model == "cnn" ? (200, 10) : (10, 2);
        var pixels = example[0] * example[1] * example[2];
        var random = new Random(0);
        var input = new float[batchSize * pixels];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)random.NextDouble();
        }

        Func<int, double> forward = engine switch
        {
            "cpu" => CpuForward(model, input, example, threads),
            "torchsharp" => TorchSharpForward(model, input, example, threads),
            "onnxruntime" => OnnxRuntimeForward(model, input, example, threads),
            _ => throw new BenchUsageException($"--engine must be cpu, torchsharp or onnxruntime, got '{engine}'."),
        };
        forward(1);
        forward(1);
        var latencies = new double[latencyRuns];
        for (var i = 0; i < latencyRuns; i++)
        {
            latencies[i] = forward(1);
        }

        Array.Sort(latencies);
        forward(batchSize);
        var batchSeconds = 0.0;
        for (var i = 0; i < batchRuns; i++)
        {
            batchSeconds += forward(batchSize);
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"latency_ms={latencies[latencyRuns / 2] * 1000:F3} throughput_ex_per_s={batchRuns * batchSize / batchSeconds:F1} " +
            $"peak_working_set_mb={WorkingSet.PeakMb():F0}"));
        return 0;
    }

    /// <summary>A function that runs one forward pass over the first <c>rows</c> examples and returns its seconds.</summary>
    private static Func<int, double> CpuForward(string model, float[] input, int[] example, int threads)
    {
        KernelThreads.Count = threads;
        CpuEngine.ManualSeed(0);
        var network = model == "cnn" ? CpuNetworks.Create(BenchModel.Cnn) : CpuNetworks.ResNet18();
        network.Eval();
        var pixels = example[0] * example[1] * example[2];
        return rows =>
        {
            var started = Stopwatch.GetTimestamp();
            using (Autograd.NoGrad())
            using (TensorScope.Begin())
            {
                var x = Tensor.FromSpan(input.AsSpan(0, rows * pixels), rows, example[0], example[1], example[2]);
                _ = network.Forward(x).Data[0];
            }

            return Stopwatch.GetElapsedTime(started).TotalSeconds;
        };
    }

    private static Func<int, double> TorchSharpForward(string model, float[] input, int[] example, int threads)
    {
        torch.set_num_threads(threads);
        torch.manual_seed(0);
        var network = model == "cnn" ? TorchSharpNetworks.Create(BenchModel.Cnn) : TorchSharpNetworks.ResNet18();
        network.eval();
        var all = torch.tensor(input, [input.Length / (example[0] * example[1] * example[2]), example[0], example[1], example[2]]);
        return rows =>
        {
            var started = Stopwatch.GetTimestamp();
            using (torch.no_grad())
            using (torch.NewDisposeScope())
            {
                _ = network.call(all.narrow(0, 0, rows)).data<float>()[0];
            }

            return Stopwatch.GetElapsedTime(started).TotalSeconds;
        };
    }

    /// <summary>
    /// ONNX Runtime on the Cpu network's ONNX export (same weights, same seed). Before timing, its output on two
    /// examples must match the Cpu engine's, so the two columns measure the same model.
    /// </summary>
    private static Func<int, double> OnnxRuntimeForward(string model, float[] input, int[] example, int threads)
    {
        CpuEngine.ManualSeed(0);
        var network = model == "cnn" ? CpuNetworks.Create(BenchModel.Cnn) : CpuNetworks.ResNet18();
        network.Eval();
        var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        var session = new InferenceSession(OnnxNetworks.Export(model, network, example), options);
        var pixels = example[0] * example[1] * example[2];
        float[] Run(int rows)
        {
            var tensor = new DenseTensor(input.AsMemory(0, rows * pixels), [rows, example[0], example[1], example[2]]);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", tensor)]);
            return results[0].AsEnumerable<float>().ToArray();
        }

        float[] expected;
        using (Autograd.NoGrad())
        using (TensorScope.Begin())
        {
            expected = network.Forward(Tensor.FromSpan(input.AsSpan(0, 2 * pixels), 2, example[0], example[1], example[2])).Data.ToArray();
        }

        var actual = Run(2);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a) / Math.Max(1f, Math.Abs(e))).Max();
        if (worst > 1e-3)
        {
            throw new InvalidOperationException($"ONNX Runtime's output differs from the Cpu engine's by {worst:G3} (relative): the export is not the same model.");
        }

        return rows =>
        {
            var started = Stopwatch.GetTimestamp();
            _ = Run(rows)[0];
            return Stopwatch.GetElapsedTime(started).TotalSeconds;
        };
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
