using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Reporting;

namespace ModelDsl.Samples.FashionMnist;

/// <summary>
/// Trains a model of Models/fashion.model on Fashion-MNIST with the trainer generated from its <c>train</c>
/// declaration, evaluates it on the test set and writes the history (CSV, JSON, SVG chart).
/// Usage: <c>FashionMnist [--model dnn|cnn] [--epochs N] [--data DIR]</c>; the last line is <c>test_accuracy=0.xxxx</c>.
/// </summary>
public static class Program
{
    private const string DefaultDataDirectory = "/usr/share/datasets/fashion-mnist";

    private static readonly string[] DataFiles =
    {
        "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
    };

    public static int Main(string[] args)
    {
        if (!Options.TryParse(args, out var options, out var problem))
        {
            Console.Error.WriteLine($"FashionMnist: {problem}");
            Console.Error.WriteLine("usage: FashionMnist [--model dnn|cnn] [--epochs N] [--data DIR]");
            return 2;
        }

        var dataDirectory = options.DataDirectory ?? DefaultDataDirectory;
        var missing = Array.FindAll(DataFiles, f => !File.Exists(Path.Combine(dataDirectory, f)));
        if (missing.Length > 0)
        {
            Console.Error.WriteLine($"FashionMnist: the Fashion-MNIST data set is not in '{dataDirectory}' (missing {string.Join(", ", missing)}).");
            Console.Error.WriteLine("Install it with `sudo apt-get install dataset-fashion-mnist` (it goes to /usr/share/datasets/fashion-mnist),");
            Console.Error.WriteLine("or pass --data DIR with the four IDX files.");
            return 2;
        }

        try
        {
            return options.Model == "cnn" ? Train(new CnnRun(options.Epochs), dataDirectory) : Train(new DnnRun(options.Epochs), dataDirectory);
        }
        catch (Exception e) when (e is DataException or IOException or ModelDsl.Runtime.Training.TrainingException)
        {
            Console.Error.WriteLine($"FashionMnist: {e.Message}");
            return 1;
        }
    }

    private static int Train(IRun run, string dataDirectory)
    {
        Console.WriteLine(Backend());
        Console.WriteLine(run.Summary);
        var clock = Stopwatch.StartNew();
        var (train, _, test) = run.LoadData(dataDirectory);
        Console.WriteLine($"Loaded {train.Count:N0} training and {test!.Count:N0} test images from {dataDirectory} in {clock.Elapsed.TotalSeconds:F1} s.");

        clock.Restart();
        var history = run.Fit(train);
        var trainingTime = clock.Elapsed;
        var metrics = run.Evaluate(test);

        Directory.CreateDirectory("runs");
        var stem = Path.Combine("runs", run.Name);
        history.SaveCsv(stem + ".history.csv");
        history.SaveJson(stem + ".history.json");
        history.SaveSvg(stem + ".history.svg", run.Name + " on Fashion-MNIST");

        var accuracy = metrics["accuracy"];
        Console.WriteLine();
        Console.WriteLine($"Trained {history.Count} epoch{(history.Count == 1 ? string.Empty : "s")} in {trainingTime.TotalSeconds:F0} s; test loss {metrics["loss"]:F4}, test accuracy {accuracy:P2}.");
        Console.WriteLine($"Best checkpoint: {LatestCheckpoint(run.CheckpointPrefix) ?? "none written"}");
        Console.WriteLine($"History: {Path.GetFullPath(stem + ".history.csv")}, .json; chart: {Path.GetFullPath(stem + ".history.svg")}");
        Console.WriteLine("test_accuracy=" + accuracy.ToString("F4", CultureInfo.InvariantCulture));
        return 0;
    }

    // The backend this build generated, and its threading. libtorch reads OMP_WAIT_POLICY once, when it loads: it is
    // set before the first TorchSharp call (set_num_threads) loads it.
    private static string Backend()
    {
#if MODELDSL_TORCHSHARP
        var policy = ModelDsl.Runtime.Threading.OpenMpWaitPolicy.PreferPassive();
        TorchSharp.torch.set_num_threads(Environment.ProcessorCount);
        return $"Backend: TorchSharp (libtorch CPU), {TorchSharp.torch.get_num_threads()} threads (one per core); {policy}.";
#else
        return $"Backend: Cpu (the embedded .NET engine), {Environment.ProcessorCount} cores.";
#endif
    }

    // save_best_only writes a file each time the monitored value improves, so the newest one is the best.
    private static string? LatestCheckpoint(string prefix)
    {
        var directory = new DirectoryInfo("checkpoints");
        if (!directory.Exists)
        {
            return null;
        }

        FileInfo? latest = null;
        foreach (var file in directory.GetFiles(prefix + "*"))
        {
            if (latest is null || file.LastWriteTimeUtc > latest.LastWriteTimeUtc)
            {
                latest = file;
            }
        }

        return latest?.FullName;
    }

    /// <summary>One of the two generated trainers behind a common face, so Main needs no switch per step.</summary>
    private interface IRun
    {
        string Name { get; }

        string Summary { get; }

        /// <summary>The start of the checkpoint file names of the train declaration's <c>checkpoint(path: …)</c>.</summary>
        string CheckpointPrefix { get; }

        (Dataset Train, Dataset? Validation, Dataset? Test) LoadData(string directory);

        History Fit(Dataset train);

        Dictionary<string, double> Evaluate(Dataset data);
    }

    private sealed class DnnRun(int? epochs) : IRun
    {
        private readonly FashionDnnTrainer _trainer = new() { Epochs = epochs };

        public string Name => "FashionDnn";

        public string Summary => FashionDnn.Summary;

        public string CheckpointPrefix => "fashion-dnn-";

        public (Dataset Train, Dataset? Validation, Dataset? Test) LoadData(string directory) => FashionDnnTrainer.LoadData(directory);

        public History Fit(Dataset train) => _trainer.Fit(train);

        public Dictionary<string, double> Evaluate(Dataset data) => _trainer.Evaluate(data);
    }

    private sealed class CnnRun(int? epochs) : IRun
    {
        private readonly FashionCnnTrainer _trainer = new() { Epochs = epochs };

        public string Name => "FashionCnn";

        public string Summary => FashionCnn.Summary;

        public string CheckpointPrefix => "fashion-cnn-";

        public (Dataset Train, Dataset? Validation, Dataset? Test) LoadData(string directory) => FashionCnnTrainer.LoadData(directory);

        public History Fit(Dataset train) => _trainer.Fit(train);

        public Dictionary<string, double> Evaluate(Dataset data) => _trainer.Evaluate(data);
    }
}
