using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Cpu.Modules;
using Xunit;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>
/// The Cpu backend end to end: <see cref="ModelCompiler"/> emits engine modules, which are snapshot-tested, compiled
/// with Roslyn against the real ModelDsl.Runtime.Cpu assembly, loaded and run — so a shape the checker promised is the
/// shape the engine computes, and the parameter counts of the metadata are the engine's.
/// </summary>
public sealed class CpuEmitTests
{
    private static readonly CompilationOptions CpuOptions = CompilationOptions.Default with { Backend = Backend.Cpu };

    [Theory]
    [InlineData("mnist.model")]
    [InlineData("convnet.model")]
    [InlineData("anysize.model")]
    [InlineData("multi.model")]
    [InlineData("resnet50.model", "resnet_blocks.model")]
    [InlineData("training.model")]
    public void Model_files_emit_compiling_cpu_modules(string main, params string[] imports)
    {
        var result = Compile(main, imports);
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Equal(result.Models.Count + result.Trainings.Count, result.Sources.Count);

        foreach (var source in result.Sources)
        {
            // Named after the .model file too: two files may declare the same model (training.model has its own MnistDnn).
            var name = Path.GetFileNameWithoutExtension(main) + "." + Path.GetFileNameWithoutExtension(source.HintName).Replace(".g", string.Empty, StringComparison.Ordinal);
            Snapshot.Verify(source.Text, name);
        }

        var diagnostics = GeneratedCodeCompiler.Compile(result.Sources.Select(s => s.Text));
        Assert.True(diagnostics.Count == 0, GeneratedCodeCompiler.Describe(diagnostics));
    }

    [Theory]
    [InlineData("mnist.model", true)]
    [InlineData("convnet.model", true)]
    [InlineData("multi.model", true)]
    [InlineData("anysize.model", true)]

    // ResNet50 at 224×224 takes seconds per forward here; its parameter counts are still checked against the engine.
    [InlineData("resnet50.model", false, "resnet_blocks.model")]
    public void Generated_modules_run_on_the_engine_with_the_checked_shapes_and_counts(string main, bool runForward, params string[] imports)
    {
        var result = Compile(main, imports);
        var assembly = GeneratedCodeCompiler.Load(result.Sources.Select(s => s.Text));
        foreach (var model in result.Models)
        {
            var type = assembly.GetTypes().Single(t => t.Name == model.Name && !t.IsNested);
            var module = (Module)Activator.CreateInstance(type, new Generator(7))!;

            var trainable = (long)type.GetField("TrainableParameters")!.GetValue(null)!;
            var nonTrainable = (long)type.GetField("NonTrainableParameters")!.GetValue(null)!;
            Assert.Equal(model.Parameters.Trainable, trainable);
            Assert.Equal(trainable, module.Parameters().Sum(p => (long)p.Count));
            Assert.Equal(nonTrainable, module.NamedBuffers().Where(b => !b.Name.EndsWith("num_batches_tracked", StringComparison.Ordinal)).Sum(b => (long)b.Buffer.Count));

            // Weight names follow the source: the engine's names are the checker's layer paths plus the tensor name.
            var layerPaths = model.Layers().Select(l => l.Path).ToHashSet();
            Assert.All(module.NamedParameters(), p => Assert.Contains(p.Name[..p.Name.LastIndexOf('.')], layerPaths));

            if (!runForward)
            {
                continue;
            }

            module.Eval();
            const int Batch = 2;
            var inputs = model.Inputs
                .Select(input => Tensor.Normal(new Generator(3), new[] { Batch }.Concat(input.Shape.Dims.Select(d => d.IsConstant ? (int)d.Constant : 20)).ToArray()))
                .ToArray();
            var forward = type.GetMethods().Single(m => m.Name == "Forward" && m.DeclaringType == type);
            var output = forward.Invoke(module, inputs.Cast<object>().ToArray())!;
            var outputs = output is Tensor single
                ? new[] { single }
                : output.GetType().GetProperties().Where(p => p.PropertyType == typeof(Tensor)).Select(p => (Tensor)p.GetValue(output)!).ToArray();
            Assert.Equal(model.Outputs.Count, outputs.Length);
            for (var i = 0; i < outputs.Length; i++)
            {
                var expected = new[] { Batch }.Concat(model.Outputs[i].Shape.Dims.Select(d => d.IsConstant ? (int)d.Constant : -1)).ToArray();
                var actual = outputs[i].Shape.ToArray();
                Assert.Equal(expected.Length, actual.Length);
                Assert.All(expected.Zip(actual), pair => Assert.True(pair.First == -1 || pair.First == pair.Second, $"{model.Name}: expected {string.Join(",", expected)} but the engine computed {string.Join(",", actual)}"));
                Assert.All(outputs[i].ToArray(), v => Assert.True(float.IsFinite(v)));
            }
        }
    }

    [Fact]
    public void Softmax_outputs_get_a_logits_forward_that_leaves_the_activation_out()
    {
        var text = Compile("mnist.model").Sources.Single().Text;
        Assert.Contains("public global::ModelDsl.Runtime.Cpu.Tensor ForwardLogits(", text);
        Assert.Contains("RegisterModule(\"dense_2\", new global::ModelDsl.Runtime.Cpu.Modules.Linear(512, 10, bias: true, generator: generator));", text);
    }

    private static CompilationResult Compile(string main, params string[] imports)
    {
        var files = new[] { main }.Concat(imports).Select(name => ReadModel(name)).ToArray();
        return ModelCompiler.Compile(files, CpuOptions);
    }

    private static SourceFile ReadModel(string name, [CallerFilePath] string testFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(testFile)!, "Models", name);
        return new SourceFile(path, File.ReadAllText(path));
    }
}
