using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace ModelDsl.Bench;

/// <summary>
/// `compare`: trains every workload with every engine in one invocation — each run a fresh child process, the
/// engines' order rotated from round to round so that none always gets the quieter slot — and prints throughput,
/// accuracy, memory and the ratios. Every engine gets the same threads; libtorch's OpenMP threads are told to block
/// (<c>OMP_WAIT_POLICY=PASSIVE</c>) unless the caller set the policy. <c>--load N</c> keeps N busy processes running
/// throughout, to measure behaviour on a machine shared with other work.
/// </summary>
internal static class CompareCommand
{
    public const string Usage =
        "compare [--workloads dnn:32,dnn:128,cnn:64,resnet:64] [--engines cpu,torchsharp,generated,pytorch] [--rounds N] " +
        "[--limit N] [--resnet-limit N] [--epochs N] [--threads N] [--load N] [--seed N] [--data DIR] [--generated PATH]";

    private const string Python = "/usr/bin/python3";

    public static int Run(string[] args)
    {
        var options = new BenchOptions(
            args, "workloads", "engines", "rounds", "limit", "resnet-limit", "epochs", "threads", "load", "seed", "data", "generated");
        var workloads = ParseWorkloads(options.Text("workloads", "dnn:32,dnn:128,cnn:64,resnet:64"));
        var engines = ParseEngines(options.Text("engines", "cpu,torchsharp,generated,pytorch"));
        var rounds = options.Int("rounds", 1, 1, 100);
        var limit = options.Int("limit", 60000, 1, int.MaxValue);
        var resnetLimit = options.Int("resnet-limit", 10000, 1, int.MaxValue);
        var epochs = options.Int("epochs", 1, 1, 1000);
        var threads = options.Int("threads", 2, 1, 256);
        var load = options.Int("load", 0, 0, 256);
        var seed = options.Int("seed", 0, 0, int.MaxValue - 100);
        var data = options.Text("data", "/usr/share/datasets/fashion-mnist");
        var root = RepositoryRoot();
        var generated = options.Text("generated", Path.Combine(root, "bench", "ModelDsl.Bench.Generated", "bin", "Release", "net10.0", "ModelDsl.Bench.Generated.dll"));
        var waitPolicy = ChildProcesses.WaitPolicy();
        var unavailable = new Dictionary<CompareEngine, string>();
        if (engines.Contains(CompareEngine.Generated) && !File.Exists(generated))
        {
            unavailable[CompareEngine.Generated] = $"not built ({generated}; run `dotnet build bench/ModelDsl.Bench.Generated -c Release`)";
        }

        if (engines.Contains(CompareEngine.PyTorch) && !PyTorchInstalled())
        {
            unavailable[CompareEngine.PyTorch] = $"{Python} has no torch (apt-get install python3-torch)";
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"machine: {ChildProcesses.Machine()}; " +
            $"{threads} thread(s) per engine, OMP_WAIT_POLICY={waitPolicy}, background load: {load} busy process(es), " +
            $"{epochs} epoch(s), {rounds} round(s) (seeds {seed}..{seed + rounds - 1})"));
        var spinners = ChildProcesses.StartLoad(load);
        var summaries = new List<string>();
        try
        {
            foreach (var (model, batchSize) in workloads)
            {
                var examples = model == BenchModel.ResNet ? Math.Min(limit, resnetLimit) : limit;
                var name = $"{BenchModels.Name(model)}:{batchSize}";
                var runs = new List<CompareRun>();
                for (var round = 0; round < rounds; round++)
                {
                    for (var k = 0; k < engines.Count; k++)
                    {
                        var engine = engines[(k + round) % engines.Count];
                        if (unavailable.TryGetValue(engine, out var why))
                        {
                            runs.Add(new CompareRun(engine, seed + round, null, why));
                            continue;
                        }

                        var start = Command(engine, root, generated, model, batchSize, examples, epochs, threads, seed + round, data, waitPolicy);
                        var (values, failure) = ChildProcesses.Run(start, "train_examples_per_second", "test_accuracy");
                        var run = new CompareRun(engine, seed + round, values is null ? null : ToResult(values), failure);
                        Console.Error.WriteLine($"  {name} seed {seed + round} {Label(engine)}: {(run.Result is { } r ? TrainCommand.Format(r) : run.Failure)}");
                        runs.Add(run);
                    }
                }

                summaries.Add(Report(name, examples, engines, runs));
            }
        }
        finally
        {
            ChildProcesses.StopLoad(spinners);
        }

        Console.WriteLine();
        foreach (var line in summaries)
        {
            Console.WriteLine(line);
        }

        return 0;
    }

    private static List<(BenchModel Model, int BatchSize)> ParseWorkloads(string text)
    {
        var list = new List<(BenchModel, int)>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(':');
            if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var batch) || batch < 1)
            {
                throw new BenchUsageException($"--workloads: '{item}' is not MODEL:BATCH (e.g. dnn:32, cnn:64, resnet:64).");
            }

            list.Add((BenchModels.Parse(parts[0]), batch));
        }

        return list.Count > 0 ? list : throw new BenchUsageException("--workloads names no workload.");
    }

    private static List<CompareEngine> ParseEngines(string text)
    {
        var list = new List<CompareEngine>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            list.Add(item switch
            {
                "cpu" => CompareEngine.Cpu,
                "torchsharp" => CompareEngine.TorchSharp,
                "generated" => CompareEngine.Generated,
                "pytorch" => CompareEngine.PyTorch,
                _ => throw new BenchUsageException($"--engines: unknown engine '{item}'; expected cpu, torchsharp, generated, pytorch."),
            });
        }

        return list.Count > 0 ? list.Distinct().ToList() : throw new BenchUsageException("--engines names no engine.");
    }

    private static string Label(CompareEngine engine) => engine switch
    {
        CompareEngine.Cpu => "cpu",
        CompareEngine.TorchSharp => "torchsharp",
        CompareEngine.Generated => "generated",
        _ => "pytorch",
    };

    private static ProcessStartInfo Command(
        CompareEngine engine, string root, string generated, BenchModel model, int batchSize, int limit, int epochs, int threads,
        int seed, string data, string waitPolicy)
    {
        var common = new[]
        {
            "--model", BenchModels.Name(model), "--batch-size", Invariant(batchSize), "--epochs", Invariant(epochs),
            "--threads", Invariant(threads), "--limit", Invariant(limit), "--seed", Invariant(seed), "--data", data,
        };
        var start = engine switch
        {
            CompareEngine.Cpu => ChildProcesses.Self(["train", "--engine", "cpu", .. common]),
            CompareEngine.TorchSharp => ChildProcesses.Self(["train", "--engine", "torchsharp", .. common]),
            CompareEngine.Generated => ChildProcesses.Start("dotnet", [generated, .. common]),
            _ => ChildProcesses.Start(Python, [Path.Combine(root, "bench", "pytorch_train.py"), .. common]),
        };
        return ChildProcesses.WithThreads(start, threads, waitPolicy);
    }

    private static TrainResult ToResult(Dictionary<string, double> values) => new(
        values["train_examples_per_second"],
        values["test_accuracy"],
        values.GetValueOrDefault("peak_working_set_mb", double.NaN),
        values.GetValueOrDefault("working_set_growth_mb", double.NaN));

    /// <summary>
    /// The workload's table (best throughput over the rounds, since a shared machine only ever slows a run down;
    /// mean accuracy over the seeds) and its one-line summary with the ratios.
    /// </summary>
    private static string Report(string name, int examples, List<CompareEngine> engines, List<CompareRun> runs)
    {
        Console.WriteLine();
        Console.WriteLine($"{name} ({examples} training examples)");
        Console.WriteLine("  engine        best ex/s   accuracy (mean, min..max)   peak MiB   growth MiB");
        var best = new Dictionary<CompareEngine, double>();
        var accuracy = new Dictionary<CompareEngine, double>();
        foreach (var engine in engines)
        {
            var done = runs.Where(r => r.Engine == engine && r.Result is not null).Select(r => r.Result!).ToList();
            if (done.Count == 0)
            {
                var failure = runs.First(r => r.Engine == engine).Failure;
                Console.WriteLine($"  {Label(engine),-12}  n/a: {failure}");
                continue;
            }

            best[engine] = done.Max(r => r.ExamplesPerSecond);
            accuracy[engine] = done.Average(r => r.TestAccuracy);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {Label(engine),-12}  {best[engine],9:F0}   {accuracy[engine],8:F4} ({done.Min(r => r.TestAccuracy):F4}..{done.Max(r => r.TestAccuracy):F4})" +
                $"   {done.Max(r => r.PeakWorkingSetMb),8:F0}   {done.Max(r => r.WorkingSetGrowthMb),10:F0}"));
        }

        var summary = new StringBuilder(name);
        foreach (var engine in engines.Where(best.ContainsKey))
        {
            summary.Append(CultureInfo.InvariantCulture, $" {Label(engine)}={best[engine]:F0}");
        }

        Ratio(summary, best, CompareEngine.Cpu, CompareEngine.TorchSharp);
        Ratio(summary, best, CompareEngine.Cpu, CompareEngine.PyTorch);
        Ratio(summary, best, CompareEngine.Generated, CompareEngine.TorchSharp);
        foreach (var engine in engines.Where(accuracy.ContainsKey))
        {
            summary.Append(CultureInfo.InvariantCulture, $" acc_{Label(engine)}={accuracy[engine]:F4}");
        }

        var line = summary.ToString();
        Console.WriteLine("  " + line);
        return line;
    }

    private static void Ratio(StringBuilder summary, Dictionary<CompareEngine, double> best, CompareEngine top, CompareEngine bottom)
    {
        if (best.TryGetValue(top, out var a) && best.TryGetValue(bottom, out var b) && b > 0)
        {
            summary.Append(CultureInfo.InvariantCulture, $" {Label(top)}/{Label(bottom)}={a / b:F2}");
        }
    }

    private static bool PyTorchInstalled()
    {
        if (!File.Exists(Python))
        {
            return false;
        }

        var (values, _) = ChildProcesses.Run(ChildProcesses.Start(Python, ["-c", "import torch; print('torch=1')"]), "torch");
        return values is not null;
    }

    /// <summary>The checkout this bench was built in (the folder holding bench/pytorch_train.py).</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "bench", "pytorch_train.py")))
            {
                return directory.FullName;
            }
        }

        throw new BenchUsageException("cannot find bench/pytorch_train.py above the bench's build folder; run the bench from its checkout.");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
