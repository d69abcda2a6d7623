using System;
using System.Globalization;
using System.IO;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Weights;

namespace ModelDsl.Samples.Transfer;

/// <summary>
/// Runs <c>train Classifier as Transfer</c> of Models/transfer.model in the current folder: the trainer's constructor
/// loads torchvision's resnet18 weights into the stem and learner (<c>pretrained(...)</c>), the head stage trains the new
/// head on the frozen base, the fine-tune stage also trains the last residual group. Then it writes
/// <c>runs/Classifier.safetensors</c>, <c>runs/Classifier.onnx</c> and <c>runs/Classifier.classes.txt</c> for ../Serve.
/// Usage: <c>Transfer [--data DIR]</c>; without --data a small demo image set is written to <c>images/</c>.
/// </summary>
public static class Program
{
    private const string Weights = "resnet18.safetensors";

    public static int Main(string[] args)
    {
        if (args.Length is not (0 or 2) || (args.Length == 2 && args[0] != "--data"))
        {
            Console.Error.WriteLine("usage: Transfer [--data DIR]   (DIR holds images/train/CLASS/* and images/validation/CLASS/*)");
            return 2;
        }

        if (!File.Exists(Weights))
        {
            Console.Error.WriteLine($"Transfer: {Path.GetFullPath(Weights)} is missing: the pretrained base comes from it. See Samples/Transfer/README.md:");
            Console.Error.WriteLine("  torchvision's ImageNet weights:  modeldsl convert resnet18.pth -o resnet18.safetensors");
            Console.Error.WriteLine("  random weights for a dry run:    /usr/bin/python3 tools/torchvision-fixtures/make_fixtures.py . --models resnet18");
            return 2;
        }

        var directory = args.Length == 2 ? args[1] : Directory.GetCurrentDirectory();
        if (args.Length == 0 && !Directory.Exists("images"))
        {
            DemoImages.Write("images", trainPerClass: 40, validationPerClass: 12, seed: 1);
            Console.WriteLine($"Wrote a demo image set ({string.Join(", ", DemoImages.Classes)}) to {Path.GetFullPath("images")}.");
        }

        try
        {
            using var trainer = new TransferTrainer();
            Console.WriteLine($"Loaded the pretrained stem and learner from {Weights}; the head is new.");
            Console.WriteLine(Classifier.Summary);
            var (train, validation, _) = TransferTrainer.LoadData(directory);
            var history = trainer.Fit(train, validation);
            var metrics = trainer.Evaluate(validation!);

            Directory.CreateDirectory("runs");
            trainer.SaveWeights(Path.Combine("runs", "Classifier.safetensors"));
            trainer.ExportOnnx(Path.Combine("runs", "Classifier.onnx"));
            File.WriteAllLines(Path.Combine("runs", "Classifier.classes.txt"), train.ClassNames);
            history.SaveCsv(Path.Combine("runs", "Classifier.history.csv"));
            Console.WriteLine($"Trained {history.Count} epochs (head, then fine-tune); wrote runs/Classifier.safetensors, .onnx, .classes.txt.");
            Console.WriteLine("val_accuracy=" + metrics["accuracy"].ToString("F4", CultureInfo.InvariantCulture));
            return 0;
        }
        catch (Exception e) when (e is WeightFileException or DataException or IOException or ModelDsl.Runtime.Training.TrainingException)
        {
            Console.Error.WriteLine($"Transfer: {e.Message}");
            return 1;
        }
    }
}
