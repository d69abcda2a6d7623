using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using ModelDsl.Compiler.Emit.TorchSharp;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Compiler.Tests.Semantics;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>
/// Every <c>.model</c> file of the repository (samples and tests), emitted for TorchSharp, compiled with zero warnings
/// against the real TorchSharp 0.107 and run on libtorch: forward with the checked shapes, backward and an optimiser
/// step that reach every parameter, parameter and buffer counts equal to the metadata, <c>state_dict()</c> keys named
/// after the source, and save → load into a fresh instance giving identical outputs.
/// </summary>
[Collection(LibTorchCollection.Name)]
public sealed class TorchSharpRuntimeTests
{
    private const int Batch = 2;

    // A symbolic input size (H, W, …) is run at this size: big enough for every stride-2 stack in the repository.
    private const int SymbolicSize = 32;

    public static TheoryData<string> ModelFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in RepositoryModelFiles())
        {
            data.Add(Path.GetRelativePath(RepositoryRoot, file).Replace('\\', '/'));
        }

        return data;
    }

    [Fact]
    public void Every_model_file_outside_the_error_fixtures_compiles_without_errors()
    {
        var files = RepositoryModelFiles().ToList();
        Assert.True(files.Count >= 15, $"only {files.Count} .model files found under {RepositoryRoot}");
        foreach (var file in files)
        {
            var result = Compile(file);
            var isErrorFixture = file.Replace('\\', '/').Contains("/Baselines/", StringComparison.Ordinal);
            Assert.True(!result.HasErrors || isErrorFixture, file + ": " + string.Join(Environment.NewLine, result.Diagnostics));
        }
    }

    [Theory]
    [MemberData(nameof(ModelFiles))]
    public void Generated_torchsharp_modules_train_save_and_load_on_libtorch(string relativePath)
    {
        var result = Compile(Path.Combine(RepositoryRoot, relativePath));
        if (result.HasErrors)
        {
            // Error fixtures (Baselines/err_*, several_errors): their diagnostics are the baseline tests' business;
            // the test above makes sure nothing else has errors.
            return;
        }

        var assembly = GeneratedCodeCompiler.Load(result.Sources.Select(s => s.Text));
        var models = result.Models.Where(FirstRun).ToList();
        var directory = Directory.CreateTempSubdirectory("modeldsl-torchsharp-");
        try
        {
            foreach (var model in models)
            {
                Exercise(assembly, model, Path.Combine(directory.FullName, model.Name + ".bin"));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void Exercise(Assembly assembly, CheckedModel model, string weightsPath)
    {
        var type = assembly.GetTypes().Single(t => t.Name == model.Name && t.Namespace == model.Namespace && !t.IsNested);
        using var scope = NewDisposeScope();
        random.manual_seed(7);
        using var module = (nn.Module)Activator.CreateInstance(type)!;

        // Counts: the metadata constants are the checker's, and libtorch agrees.
        var trainable = (long)type.GetField("TrainableParameters")!.GetValue(null)!;
        var nonTrainable = (long)type.GetField("NonTrainableParameters")!.GetValue(null)!;
        Assert.Equal(model.Parameters.Trainable, trainable);
        Assert.Equal(model.Parameters.NonTrainable, nonTrainable);
        Assert.Equal(trainable, module.parameters().Sum(p => p.numel()));
        Assert.Equal(nonTrainable, module.named_buffers().Where(b => !b.name.EndsWith("num_batches_tracked", StringComparison.Ordinal)).Sum(b => b.buffer.numel()));

        // Weight names follow the source: every state_dict key is a layer path of the .model file plus the tensor's name.
        var layerPaths = model.Layers().Select(l => l.Path).ToHashSet();
        var keys = module.state_dict().Keys.ToList();
        Assert.All(keys, key => Assert.Contains(key[..key.LastIndexOf('.')], layerPaths));

        var forward = type.GetMethods().Single(m => m.Name == "forward" && m.DeclaringType == type);
        var inputs = model.Inputs
            .Select(input => (object)randn(new long[] { Batch }.Concat(input.Shape.Dims.Select(d => d.IsConstant ? d.Constant : SymbolicSize)).ToArray()))
            .ToArray();
        Tensor[] Run(nn.Module instance) => OutputTensors(forward.Invoke(instance, inputs)!);

        // Forward in training mode, then backward from a random projection of every output (a plain sum of a softmax
        // is constant, so its gradient would be zero) and one optimiser step.
        module.train();
        var outputs = Run(module);
        Assert.Equal(model.Outputs.Count, outputs.Length);
        for (var i = 0; i < outputs.Length; i++)
        {
            var expected = new long[] { Batch }.Concat(model.Outputs[i].Shape.Dims.Select(d => d.IsConstant ? d.Constant : -1)).ToArray();
            var actual = outputs[i].shape;
            Assert.True(
                expected.Length == actual.Length && expected.Zip(actual).All(p => p.First == -1 || p.First == p.Second),
                $"{model.Name}: the checker says [{string.Join(", ", expected)}] but libtorch computed [{string.Join(", ", actual)}]");
            Assert.True(outputs[i].isfinite().all().item<bool>(), $"{model.Name}: output {i} is not finite");
        }

        var loss = outputs.Select(o => (o * randn_like(o)).sum()).Aggregate((a, b) => a + b);
        loss.backward();
        var parameters = module.named_parameters().ToList();
        Assert.All(parameters, p => Assert.True(p.parameter.grad is not null, $"{model.Name}: {p.name} got no gradient"));
        var before = parameters.Select(p => p.parameter.detach().clone()).ToList();
        using (var optimizer = optim.Adam(module.parameters(), 0.01))
        {
            optimizer.step();
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            var moved = !before[i].eq(parameters[i].parameter.detach()).all().item<bool>();
            var hadGradient = parameters[i].parameter.grad!.abs().max().item<float>() > 0;
            Assert.True(moved || !hadGradient, $"{model.Name}: {parameters[i].name} had a gradient but the step did not change it");
        }

        // Save → load into a fresh instance (other initial weights) → identical outputs in evaluation mode.
        module.eval();
        Tensor[] saved;
        using (no_grad())
        {
            saved = Run(module);
        }

        module.save(weightsPath);
        random.manual_seed(8);
        using var fresh = (nn.Module)Activator.CreateInstance(type)!;
        fresh.load(weightsPath);
        fresh.eval();
        using (no_grad())
        {
            var reloaded = Run(fresh);
            Assert.All(saved.Zip(reloaded), pair => Assert.True(pair.First.eq(pair.Second).all().item<bool>(), $"{model.Name}: outputs differ after save and load"));
        }
    }

    // Several files declare the same model (ResNet50 three times): one run of each distinct generated class is enough.
    private static readonly HashSet<string> RunModels = new(StringComparer.Ordinal);

    private static bool FirstRun(CheckedModel model)
    {
        var source = TorchSharpProfile.Instance.EmitModel(model);
        var body = source[source.IndexOf(" class ", StringComparison.Ordinal)..];  // the header names the file and namespace
        lock (RunModels)
        {
            return RunModels.Add(body);
        }
    }

    // forward returns a tensor, or a record of tensors for several outputs (in declaration order).
    private static Tensor[] OutputTensors(object output) => output is Tensor single
        ? new[] { single }
        : output.GetType().GetProperties().Where(p => p.PropertyType == typeof(Tensor)).Select(p => (Tensor)p.GetValue(output)!).ToArray();

    private static CompilationResult Compile(string path)
    {
        var (files, loadDiagnostics) = SourceFileLoader.Load(new[] { path });
        Assert.Empty(loadDiagnostics);
        return ModelCompiler.Compile(files, CompilationOptions.Default with { Backend = Backend.TorchSharp });
    }

    private static string RepositoryRoot { get; } = Path.GetFullPath(Path.Combine(TestPaths.ProjectDirectory, "..", ".."));

    // Every .model file of the repository except build output; a file another one imports is compiled on its own too.
    private static IEnumerable<string> RepositoryModelFiles() =>
        Directory.EnumerateFiles(RepositoryRoot, "*.model", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(RepositoryRoot, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git" or "node_modules"))
            .Order(StringComparer.Ordinal);
}
