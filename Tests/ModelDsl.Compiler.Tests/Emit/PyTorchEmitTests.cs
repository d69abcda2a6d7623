using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelDsl.Compiler.Emit.PyTorch;
using ModelDsl.Compiler.Tests.Semantics;
using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Cpu.Modules;
using ModelDsl.Runtime.Weights;
using Xunit;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>
/// The PyTorch profile: snapshots of the emitted Python, and for every sample and test model the emitted files
/// byte-compile under Debian's Python, import, and build modules whose state_dict keys and shapes are the Cpu engine's
/// weight names, whose parameter counts are the checker's and whose forward returns the checked shapes.
/// </summary>
[Collection(PythonCollection.Name)]
public sealed class PyTorchEmitTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modeldsl-pytorch-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string RepositoryRoot => Path.GetFullPath(Path.Combine(TestPaths.ProjectDirectory, "..", ".."));

    [Theory]
    [InlineData("Tests/ModelDsl.Compiler.Tests/Emit/Models/mnist.model")]
    [InlineData("Tests/ModelDsl.Compiler.Tests/Emit/Models/convnet.model")]
    [InlineData("Tests/ModelDsl.Compiler.Tests/Emit/Models/anysize.model")]
    [InlineData("Tests/ModelDsl.Compiler.Tests/Emit/Models/multi.model")]
    [InlineData("Tests/ModelDsl.Compiler.Tests/Emit/Models/resnet50.model")]
    [InlineData("Tests/ModelDsl.Compiler.Tests/Emit/Models/training.model")]
    [InlineData("Samples/FashionMnist/Models/fashion.model")]
    public void Emitted_python_matches_the_snapshots(string file)
    {
        var emission = Emit(file);

        foreach (var source in emission.Files.Where(f => f.HintName != PyTorchEmitter.SupportFile))
        {
            Snapshot.Verify(source.Text, Path.GetFileNameWithoutExtension(file) + "." + Path.GetFileNameWithoutExtension(source.HintName), "py");
        }
    }

    [Fact]
    public void Every_sample_and_test_model_emits_python_that_compiles_imports_and_matches_the_cpu_engine()
    {
        var manifest = new List<Dictionary<string, object?>>();
        var files = ModelFiles().ToList();
        Assert.True(files.Count >= 10, "expected the sample and test models, found " + string.Join(", ", files));
        foreach (var file in files)
        {
            var (result, emission) = CompileAndEmit(file);
            Assert.DoesNotContain(emission.Diagnostics, d => d.Id == "MD5150");
            var folder = Path.Combine(_directory, manifest.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            PythonProcess.WriteFiles(folder, emission.Files);
            var cpu = GeneratedCodeCompiler.Load(ModelCompiler.Compile(SourceFileLoader.Load(new[] { file }).Files, CompilationOptions.Default with { Backend = Backend.Cpu }).Sources.Select(s => s.Text));
            foreach (var model in result.Models)
            {
                var module = (Module)Activator.CreateInstance(cpu.GetTypes().Single(t => t.Name == model.Name && !t.IsNested), new Generator(1))!;
                var weights = module.NamedParameters().Concat(module.NamedBuffers()).Where(p => !WeightBinder.IsBatchCounter(p.Item1)).OrderBy(p => p.Item1, StringComparer.Ordinal)
                    .ToDictionary(p => p.Item1, p => p.Item2.Shape.ToArray());
                manifest.Add(new Dictionary<string, object?>
                {
                    ["folder"] = folder,
                    ["files"] = emission.Files.Select(f => Path.Combine(folder, f.HintName)).ToArray(),
                    ["module"] = Path.GetFileNameWithoutExtension(emission.Files.First(f => f.Text.Contains("class " + model.Name + "(nn.Module)", StringComparison.Ordinal)).HintName),
                    ["cls"] = model.Name,
                    // ResNet50 at 224×224 takes seconds per forward on a busy CPU; its names and counts are still checked.
                    ["inputs"] = model.Inputs.All(i => i.Shape.IsConcrete) && model.Parameters.Total < 5_000_000 ? model.Inputs.Select(i => i.Shape.ToConstantArray()).ToArray() : null,
                    ["outputs"] = model.Outputs.All(o => o.Shape.IsConcrete) ? model.Outputs.Select(o => o.Shape.ToConstantArray()).ToArray() : null,
                    ["trainable"] = model.Parameters.Trainable,
                    ["weights"] = weights,
                });
            }
        }

        var manifestPath = Path.Combine(_directory, "manifest.json");
        File.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest));
        var script = Path.Combine(TestPaths.ProjectDirectory, "Emit", "PyTorch", "check_modules.py");

        var (exitCode, output) = PythonProcess.Run(_directory, TimeSpan.FromMinutes(6), new[] { script, manifestPath });

        Assert.True(exitCode == 0, output);
        Assert.Equal(manifest.Count, output.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Training_scripts_byte_compile_and_show_the_declared_settings()
    {
        var emission = Emit("Samples/FashionMnist/Models/fashion.model");
        var names = emission.Files.Select(f => f.HintName).ToArray();
        Assert.Equal(new[] { "fashion_dnn.py", "fashion_cnn.py", "train_fashion_dnn.py", "train_fashion_cnn.py", PyTorchEmitter.SupportFile }, names);
        var script = emission.Files.Single(f => f.HintName == "train_fashion_dnn.py").Text;
        Assert.Contains("torch.optim.Adam(parameters, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.0, amsgrad=False)", script);
        Assert.Contains("schedule=(\"cosine\", 1e-05, None)", script);
        Assert.Contains("md.Checkpoint(\"checkpoints/fashion-dnn-best.ckpt\", md.Monitor(\"val_accuracy\", \"max\"), save_best_only=True, every=1)", script);
        Assert.Contains("return F.cross_entropy(logits, target.long())", script);

        PythonProcess.WriteFiles(_directory, emission.Files);
        var (exitCode, output) = PythonProcess.Run(_directory, TimeSpan.FromMinutes(1), new[] { "-m", "py_compile" }.Concat(names));
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void A_pretrained_declaration_says_how_the_script_starts_from_those_weights()
    {
        var script = Emit("Samples/Transfer/Models/transfer.model").Files.Single(f => f.HintName == "train_transfer.py").Text;

        Assert.Contains("# pretrained: resnet18.safetensors (map: torchvision) initialises stem, learner in .NET only; there call LoadPretrained,", script);
        Assert.Contains("start this script from that file with --init-weights FILE", script);
    }

    [Fact]
    public void MD5150_a_layer_named_like_a_module_member_is_not_emitted()
    {
        var emission = EmitText("model Net {\n    input v: float[4]\n    dense(2) as forward\n}\n");

        var diagnostic = Assert.Single(emission.Diagnostics);
        Assert.Equal("MD5150", diagnostic.Id);
        Assert.Contains("forward cannot be an attribute name", diagnostic.Message);
        Assert.Empty(emission.Files);
    }

    [Fact]
    public void MD5151_a_training_without_data_is_not_emitted_but_its_model_is()
    {
        var emission = EmitText("model Net {\n    input v: float[4]\n    dense(2)\n}\n\ntrain Net {\n    loss: mse\n    optimizer: adam\n}\n");

        var diagnostic = Assert.Single(emission.Diagnostics);
        Assert.Equal("MD5151", diagnostic.Id);
        Assert.Contains("train Net is not emitted as a PyTorch script: it has no data { train: … } source", diagnostic.Message);
        Assert.Equal(new[] { "net.py" }, emission.Files.Select(f => f.HintName));
    }

    [Fact]
    public void Emission_is_deterministic()
    {
        Assert.Equal(Emit("Samples/FashionMnist/Models/fashion.model"), Emit("Samples/FashionMnist/Models/fashion.model"));
    }

    private static IEnumerable<string> ModelFiles()
    {
        var roots = new[] { "Samples", "Tests/ModelDsl.Compiler.Tests/Emit/Models", "Tests/ModelDsl.Compiler.Tests/Baselines", "Tests/ModelDsl.EndToEnd.Tests/Models" };
        foreach (var file in roots.SelectMany(r => Directory.EnumerateFiles(Path.Combine(RepositoryRoot, r), "*.model", SearchOption.AllDirectories)).OrderBy(f => f, StringComparer.Ordinal))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var (result, _) = CompileAndEmit(file);
            if (!result.HasErrors && result.Models.Count > 0)
            {
                yield return file;
            }
        }
    }

    private static PythonEmission Emit(string relativePath) => CompileAndEmit(Path.Combine(RepositoryRoot, relativePath)).Emission;

    private static (CompilationResult Result, PythonEmission Emission) CompileAndEmit(string path)
    {
        var (files, _) = SourceFileLoader.Load(new[] { path });
        var result = ModelCompiler.Compile(files, CompilationOptions.Default with { Emit = false });
        return (result, PyTorchEmitter.Emit(result.Models, result.Trainings));
    }

    private static PythonEmission EmitText(string text)
    {
        var result = ModelCompiler.Compile(new[] { new SourceFile("net.model", text) }, CompilationOptions.Default with { Emit = false });
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return PyTorchEmitter.Emit(result.Models, result.Trainings);
    }
}
