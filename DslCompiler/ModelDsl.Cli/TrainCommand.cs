using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using ModelDsl.Compiler;
using ModelDsl.Compiler.Training;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Reporting;

namespace ModelDsl.Cli;

/// <summary>
/// <c>modeldsl train FILE.model [--train NAME] [--data DIR] [--epochs N] [--resume CHECKPOINT] [--backend cpu|torchsharp]</c>:
/// trains a <c>train</c> declaration on the Cpu engine or on TorchSharp-cpu without the user writing C#. The file is compiled as a project would
/// compile it (the same emitted trainer), the <c>data { }</c> block is loaded from <c>--data</c> (default: the .model
/// file's folder), and the history goes to <c>--output</c> (default <c>runs/</c>).
/// </summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The .model file (its imports are loaded too)" };
        var train = new Option<string?>("--train", "--model", "-m") { Description = "The train declaration (its name, or its model's name) when the file has several" };
        var data = new Option<string?>("--data") { Description = "Where the data { } block's relative paths start (default: the .model file's folder)" };
        var epochs = new Option<int?>("--epochs") { Description = "Replace the declared number of epochs (of the last stage)" };
        var resume = new Option<string?>("--resume") { Description = "Continue from a checkpoint written by an earlier run" };
        var runs = new Option<string>("--output") { Description = "Where the history (CSV, JSON, SVG chart) goes", DefaultValueFactory = _ => "runs" };
        var backend = new Option<string>("--backend") { Description = "cpu (the embedded engine) or torchsharp (TorchSharp-cpu, libtorch)", DefaultValueFactory = _ => "cpu" };
        backend.AcceptOnlyFromAmong("cpu", "torchsharp");
        var command = new Command("train", "Train a train declaration (Cpu engine or TorchSharp) and evaluate it on its test data") { file, train, data, epochs, resume, runs, backend };
        command.SetAction(parseResult => Run(
            new TrainRequest(parseResult.GetValue(file)!, parseResult.GetValue(train), parseResult.GetValue(data), parseResult.GetValue(epochs), parseResult.GetValue(resume), parseResult.GetValue(runs)!,
                parseResult.GetValue(backend) == "torchsharp" ? Backend.TorchSharp : Backend.Cpu),
            output,
            error));
        return command;
    }

    private static int Run(TrainRequest request, TextWriter output, TextWriter error)
    {
        var (path, trainName, dataDirectory, epochs, resume, runs, backend) = request;
        if (epochs is <= 0 or > ModelDsl.Compiler.Training.TrainingCatalog.MaxEpochs)
        {
            // The same cap as `epochs` in the file (MD4006), so the command line cannot bypass it.
            error.WriteLine($"modeldsl: --epochs takes a whole number from 1 to {ModelDsl.Compiler.Training.TrainingCatalog.MaxEpochs:N0}, not {epochs}");
            return 1;
        }

        var (result, diagnostics) = CliCompilation.Check(new[] { path }, CompilationOptions.Default with { Backend = backend });
        CliCompilation.Print(diagnostics, output);
        if (diagnostics.Any(d => d.IsError))
        {
            return 1;
        }

        var training = Select(result.Trainings, trainName, path, error);
        if (training is null)
        {
            return 1;
        }

        if (training.Data?.Train is null)
        {
            error.WriteLine($"modeldsl: train {training.Name} has no data {{ train: … }} block; add one (idx, folder, csv, json or table) to train from the command line");
            return 1;
        }

        try
        {
            // libtorch reads OMP_WAIT_POLICY when it loads, which is at the trainer's first TorchSharp call below.
            output.WriteLine(backend == Backend.TorchSharp ? TorchSharpThreading.Configure() : $"Backend: Cpu (the embedded .NET engine), {Environment.ProcessorCount} cores");
            var assembly = GeneratedCodeLoader.Load(result.Sources);
            var trainerType = assembly.GetTypes().Single(t => t.Name == training.TrainerName && !t.IsNested);
            var directory = Path.GetFullPath(dataDirectory ?? Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
            var (trainSet, validationSet, testSet) = ((Dataset, Dataset?, Dataset?))trainerType.GetMethod("LoadData")!.Invoke(null, new object?[] { directory })!;
            output.WriteLine($"Training {training.ModelName} ({training.Name}) on {trainSet.Count:N0} examples from {directory}");

            // (model, seed, device): a new model, the declaration's seed, the default device.
            var trainer = Activator.CreateInstance(trainerType, new object?[] { null, null, null })!;
            trainerType.GetProperty("Epochs")!.SetValue(trainer, epochs);
            var history = (History)trainerType.GetMethod("Fit")!.Invoke(trainer, new object?[] { trainSet, validationSet, resume, CancellationToken.None })!;

            Directory.CreateDirectory(runs);
            var stem = Path.Combine(runs, training.Name);
            history.SaveCsv(stem + ".history.csv");
            history.SaveJson(stem + ".history.json");
            history.SaveSvg(stem + ".history.svg", training.Name);
            history.SavePng(stem + ".history.png", training.Name);
            output.WriteLine($"History: {Path.GetFullPath(stem + ".history.csv")} (and .json; charts .svg, .png)");

            if (testSet is not null)
            {
                var metrics = (Dictionary<string, double>)trainerType.GetMethod("Evaluate")!.Invoke(trainer, new object?[] { testSet })!;
                foreach (var (key, value) in metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    output.WriteLine($"test_{key}={value.ToString("F4", CultureInfo.InvariantCulture)}");
                }
            }

            (trainer as IDisposable)?.Dispose();
            return 0;
        }
        catch (Exception exception) when (Unwrap(exception) is DataException or IOException or UnauthorizedAccessException or ModelDsl.Runtime.Training.TrainingException or ModelDsl.Runtime.Cpu.State.StateFileException)
        {
            error.WriteLine("modeldsl: " + Unwrap(exception).Message);
            return 1;
        }
        catch (TargetInvocationException exception)
        {
            // The generated trainer runs by reflection: what the user needs is the error inside it, not the wrapper's.
            var inner = Unwrap(exception);
            error.WriteLine($"modeldsl: training {training.Name} failed: {inner.Message} ({inner.GetType().Name})");
            return 1;
        }
    }

    private sealed record TrainRequest(string Path, string? Train, string? DataDirectory, int? Epochs, string? Resume, string Output, Backend Backend);

    private static CheckedTraining? Select(IReadOnlyList<CheckedTraining> trainings, string? name, string path, TextWriter error)
    {
        if (trainings.Count == 0)
        {
            error.WriteLine($"modeldsl: {path} declares no train; add `train MODEL {{ … }}`");
            return null;
        }

        // The declared name wins: `--train M` picks `train M` even when `train M as X` trains the same model.
        var matches = name is null ? trainings.ToList() : trainings.Where(t => t.Name == name).ToList();
        if (name is not null && matches.Count == 0)
        {
            matches = trainings.Where(t => t.ModelName == name).ToList();
        }

        if (matches.Count == 1)
        {
            return matches[0];
        }

        var known = string.Join(", ", trainings.Select(t => t.Name));
        error.WriteLine(name is null
            ? $"modeldsl: {path} has several train declarations ({known}); choose one with --train NAME"
            : $"modeldsl: no single train declaration named '{name}' (trainings: {known})");
        return null;
    }

    internal static Exception Unwrap(Exception exception) =>
        exception is TargetInvocationException { InnerException: { } inner } ? Unwrap(inner) : exception;
}
