using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Reflection;
using ModelDsl.Compiler;
using ModelDsl.Compiler.Emit;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Runtime.Training;
using ModelDsl.Runtime.Weights;

namespace ModelDsl.Cli;

/// <summary>
/// <c>modeldsl export FILE.model [--model NAME] (--weights W.safetensors | --checkpoint C.ckpt) -o model.onnx</c>: writes
/// a model with trained weights as an ONNX file. The file is compiled for the Cpu backend as a project would compile it,
/// the weights are loaded into the generated model (a checkpoint through the generated trainer of that model), and the
/// generated <c>ExportOnnx</c> writes the file — the same export a program calls on either backend.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The .model file (its imports are loaded too)" };
        var model = new Option<string?>("--model", "-m") { Description = "The model to export when the file declares several" };
        var weights = new Option<string?>("--weights") { Description = "A safetensors weight file (SaveWeights, or a PyTorch state_dict with the .model names)" };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "A checkpoint written by a trainer of this model (checkpoint(...) or modeldsl train)" };
        var onnx = new Option<string>("--output", "-o") { Description = "The .onnx file to write", Required = true };
        var command = new Command("export", "Write a model with trained weights as an ONNX file (inference mode, opset 17)") { file, model, weights, checkpoint, onnx };
        command.SetAction(parseResult => Run(parseResult.GetValue(file)!, parseResult.GetValue(model), parseResult.GetValue(weights), parseResult.GetValue(checkpoint), parseResult.GetValue(onnx)!, output, error));
        return command;
    }

    private static int Run(string path, string? modelName, string? weights, string? checkpoint, string onnx, TextWriter output, TextWriter error)
    {
        if ((weights is null) == (checkpoint is null))
        {
            error.WriteLine("modeldsl: give the trained weights with exactly one of --weights W.safetensors or --checkpoint C.ckpt");
            return 1;
        }

        var (result, diagnostics) = CliCompilation.Check(new[] { path }, CompilationOptions.Default with { Backend = Backend.Cpu });
        CliCompilation.Print(diagnostics, output);
        if (diagnostics.Any(d => d.IsError))
        {
            return 1;
        }

        var model = Select(result, modelName, path, error);
        if (model is null)
        {
            return 1;
        }

        try
        {
            var assembly = GeneratedCodeLoader.Load(result.Sources);
            var typeName = CSharpNames.ToPascalCase(model.Name);
            var modelType = assembly.GetTypes().Single(t => t.Name == typeName && !t.IsNested && t.GetMethod("ExportOnnx") is not null);
            object instance;
            if (weights is not null)
            {
                instance = Activator.CreateInstance(modelType, new object?[] { null })!;
                modelType.GetMethod("LoadWeights")!.Invoke(instance, new object[] { weights });
            }
            else
            {
                // A checkpoint is the trainer's format (weights, optimiser and schedule state): load it through a trainer.
                var training = result.Trainings.FirstOrDefault(t => t.ModelName == model.Name);
                if (training is null)
                {
                    error.WriteLine($"modeldsl: {path} has no train declaration for {model.Name}, so no checkpoint of it can be read; export a weight file with --weights");
                    return 1;
                }

                var trainerType = assembly.GetTypes().Single(t => t.Name == training.TrainerName && !t.IsNested);
                var constructor = trainerType.GetConstructors().Single();
                var trainer = constructor.Invoke(new object?[constructor.GetParameters().Length]);
                var session = (ITrainingSession)trainerType.GetProperty("Session")!.GetValue(trainer)!;
                CheckpointFile.Load(checkpoint!, session);
                instance = trainerType.GetProperty("Model")!.GetValue(trainer)!;
            }

            modelType.GetMethod("ExportOnnx")!.Invoke(instance, new object[] { onnx });
            output.WriteLine($"Exported {model.Name} to {Path.GetFullPath(onnx)} (ONNX opset 17; inputs: {string.Join(", ", model.Inputs.Select(i => i.Name + " " + i.Shape))})");
            return 0;
        }
        catch (Exception exception) when (Unwrap(exception) is WeightFileException or IOException or UnauthorizedAccessException or TrainingException or ModelDsl.Runtime.Cpu.State.StateFileException or NotSupportedException)
        {
            error.WriteLine("modeldsl: " + Unwrap(exception).Message);
            return 1;
        }
    }

    private static CheckedModel? Select(CompilationResult result, string? name, string path, TextWriter error)
    {
        var matches = result.Models.Where(m => name is null || m.Name == name).ToList();
        if (matches.Count == 1)
        {
            return matches[0];
        }

        var known = string.Join(", ", result.Models.Select(m => m.Name));
        error.WriteLine(name is null
            ? $"modeldsl: {path} declares several models ({known}); choose one with --model NAME"
            : $"modeldsl: no checked model named '{name}' (models: {(known.Length == 0 ? "none" : known)})");
        return null;
    }

    private static Exception Unwrap(Exception exception) =>
        exception is TargetInvocationException { InnerException: { } inner } ? Unwrap(inner) : exception;
}
