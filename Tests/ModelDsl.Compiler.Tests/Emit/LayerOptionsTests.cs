using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Compiler.Tests.Semantics;
using ModelDsl.Runtime.Weights;
using Xunit;
using CpuRuntime = ModelDsl.Runtime.Cpu;
using static TorchSharp.torch;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>
/// Batch norm's <c>momentum: none</c> and <c>affine</c>/<c>center</c>/<c>scale</c>, and <c>dense</c> on the last axis
/// of <c>[steps, features]</c>: what the checker infers and counts (Keras' and PyTorch's numbers), the diagnostics for
/// bad values, and the generated Cpu and TorchSharp modules replaying PyTorch 1.13's running statistics
/// (<c>batchnorm_running.json</c> of the Cpu engine tests) and agreeing with each other on the same weights.
/// </summary>
[Collection(LibTorchCollection.Name)]
public sealed class LayerOptionsTests
{
    private static readonly string FixturePath = Path.Combine(TestPaths.ProjectDirectory, "..", "ModelDsl.Runtime.Cpu.Tests", "Fixtures", "batchnorm_running.json");

    public static TheoryData<string, string> BackendCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in new[] { "Cpu", "TorchSharp" })
        {
            foreach (var c in FixtureCases())
            {
                data.Add(backend, c.GetProperty("name").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [InlineData("batchnorm()", 8L, 8L)]
    [InlineData("batchnorm(affine: false)", 0L, 8L)]
    [InlineData("batchnorm(affine: true)", 8L, 8L)]
    [InlineData("batchnorm(center: false)", 4L, 8L)]
    [InlineData("batchnorm(scale: false)", 4L, 8L)]
    [InlineData("batchnorm(center: false, scale: false)", 0L, 8L)]
    public void Batch_norm_counts_gamma_and_beta_as_keras_and_pytorch_do(string layer, long trainable, long nonTrainable)
    {
        // Keras: BatchNormalization(center=False) on 4 channels has 4 trainable (gamma) and 8 non-trainable (moving
        // mean and variance); PyTorch: BatchNorm2d(4, affine=False).parameters() is empty, its buffers hold 8 values.
        var model = CheckOne($"model M {{\n    input image: float[4, 6, 6]\n    {layer}\n}}\n");
        Assert.Equal(trainable, model.Parameters.Trainable);
        Assert.Equal(nonTrainable, model.Parameters.NonTrainable);
    }

    [Fact]
    public void Momentum_none_is_the_cumulative_average_and_a_number_stays_the_weight_of_the_new_batch()
    {
        var model = CheckOne("model M {\n    input v: float[4]\n    batchnorm(momentum: none)\n    batchnorm(momentum: 0.3)\n}\n");
        var norms = model.Layers().Select(l => ((CheckedLayer)l.Member).Arguments).OfType<BatchNormArguments>().ToList();
        Assert.Null(norms[0].Momentum);
        Assert.Equal(0.3, norms[1].Momentum);
    }

    [Theory]
    [InlineData("batchnorm(momentum: nnoe)", "MD2124", 3, 25, "did you mean 'none'?")]
    [InlineData("batchnorm(momentum: 1.5)", "MD2009", 3, 25, "must be between 0 and 1 (or none: the cumulative average) but is 1.5")]
    [InlineData("batchnorm(affine: false, center: true)", "MD2125", 3, 30, "remove 'center:' or 'affine:'")]
    [InlineData("batchnorm(scale: 1)", "MD2007", 3, 22, "true or false")]
    public void Bad_batch_norm_options_are_diagnosed_at_the_argument(string layer, string id, int line, int column, string text)
    {
        var result = ModelCompiler.Compile(new[] { new SourceFile("bn.model", $"model M {{\n    input v: float[4]\n    {layer}\n}}\n") }, CompilationOptions.Default with { Emit = false }, default);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(text, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (diagnostic.Span.Line, diagnostic.Span.Column));
    }

    [Theory]
    [InlineData("float[28, 28]", "[N, 28, 16]", 464L)]
    [InlineData("float[5, 2, 3, 8]", "[N, 5, 2, 3, 16]", 144L)]
    [InlineData("float[S, 28]", "[N, S, 16]", 464L)]
    [InlineData("float[784]", "[N, 16]", 12560L)]
    public void Dense_acts_on_the_last_axis_of_any_rank_but_an_image(string input, string output, long parameters)
    {
        // Keras: Dense(16, input_shape=(28, 28)) has output (None, 28, 16) and 28·16 + 16 = 464 parameters.
        var model = CheckOne($"model M {{\n    input values: {input}\n    dense(16, activation: relu)\n}}\n");
        Assert.Equal(output, model.Outputs.Single().Shape.ToString());
        Assert.Equal(parameters, model.Parameters.Trainable);
    }

    [Fact]
    public void Dense_on_an_image_is_still_md3001_and_flatten_before_dense_is_unchanged()
    {
        var result = ModelCompiler.Compile(new[] { new SourceFile("img.model", "model M {\n    input image: float[64, 7, 7]\n    dense(10)\n}\n") }, CompilationOptions.Default with { Emit = false }, default);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("MD3001", diagnostic.Id);
        Assert.Equal((3, 5), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Contains("whose last axis is its width; add flatten() or global_avgpool2d() before it", diagnostic.Message, StringComparison.Ordinal);

        var flattened = CheckOne("model M {\n    input image: float[64, 7, 7]\n    flatten()\n    dense(10)\n}\n");
        Assert.Equal("[N, 10]", flattened.Outputs.Single().Shape.ToString());
        Assert.Equal((64L * 7 * 7 * 10) + 10, flattened.Parameters.Trainable);
        Assert.Equal(1, ((DenseArguments)((CheckedLayer)flattened.Layers().Last().Member).Arguments).InputRank);
    }

    [Theory]
    [InlineData("sparse_categorical_crossentropy")]
    [InlineData("categorical_crossentropy")]
    [InlineData("binary_crossentropy")]
    public void A_classification_loss_on_a_steps_output_is_md3012_and_mse_is_accepted(string loss)
    {
        var source = $"model Rows {{\n    input image: float[28, 28]\n    dense(10, activation: softmax)\n}}\n\ntrain Rows {{\n    loss: {loss}\n    optimizer: adam(lr: 0.001)\n    epochs: 1\n    batch_size: 32\n}}\n";
        var result = ModelCompiler.Compile(new[] { new SourceFile("rows.model", source) }, CompilationOptions.Default with { Emit = false }, default);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("MD3012", diagnostic.Id);
        Assert.Equal(7, diagnostic.Span.Line);
        Assert.Contains($"{loss} expects an output of [classes] but the output is [N, 28, 10]", diagnostic.Message, StringComparison.Ordinal);

        var regression = source.Replace("dense(10, activation: softmax)", "dense(10)", StringComparison.Ordinal).Replace("loss: " + loss, "loss: mse", StringComparison.Ordinal);
        var accepted = ModelCompiler.Compile(new[] { new SourceFile("rows.model", regression) }, CompilationOptions.Default with { Emit = false }, default);
        Assert.DoesNotContain(accepted.Diagnostics, d => d.IsError);
    }

    [Theory]
    [MemberData(nameof(BackendCases))]
    public void Generated_batch_norm_replays_pytorch_running_statistics(string backend, string name)
    {
        var c = FixtureCases().Single(x => x.GetProperty("name").GetString() == name);
        var momentum = c.GetProperty("momentum").ValueKind == JsonValueKind.Null ? "none" : c.GetProperty("momentum").GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (scale, center) = (c.GetProperty("scale").GetBoolean(), c.GetProperty("center").GetBoolean());
        var affine = (scale, center) switch
        {
            (false, false) => ", affine: false",
            (true, false) => ", center: false",
            (false, true) => ", scale: false",
            _ => string.Empty,
        };
        var shape = string.Join(", ", c.GetProperty("exampleShape").EnumerateArray().Select(d => d.GetInt32()));
        var source = $"model Norm {{\n    input values: float[{shape}]\n    batchnorm(momentum: {momentum}{affine})\n}}\n";
        using var model = new GeneratedModel(backend, source);
        Assert.Equal(c.GetProperty("trainable").GetInt64(), model.TrainableParameters);

        var inputs = c.GetProperty("inputs").EnumerateArray().ToList();
        var outputs = c.GetProperty("outputs").EnumerateArray().ToList();
        for (var b = 0; b < inputs.Count; b++)
        {
            AssertClose(outputs[b], model.Forward(inputs[b], training: true), $"{backend} training output of batch {b}");
            var state = model.Weights();
            AssertClose(c.GetProperty("runningMean")[b], state["batchnorm_0.running_mean"], $"{backend} running_mean after batch {b}");
            AssertClose(c.GetProperty("runningVar")[b], state["batchnorm_0.running_var"], $"{backend} running_var after batch {b}");
        }

        AssertClose(c.GetProperty("probeOutput"), model.Forward(c.GetProperty("probe"), training: false), $"{backend} evaluation output");
    }

    [Fact]
    public void Cpu_and_torchsharp_agree_on_dense_over_steps_and_batch_norm_options_with_the_same_weights()
    {
        var source = """
            model Steps {
                input values: float[6, 5]
                dense(4, activation: tanh)
                flatten()
                batchnorm(momentum: none, center: false)
                reshape(6, 4)
                dense(3, activation: softmax)
            }
            """;
        var directory = Directory.CreateTempSubdirectory("modeldsl-layer-options-");
        try
        {
            var path = Path.Combine(directory.FullName, "steps.safetensors");
            using var cpu = new GeneratedModel("Cpu", source);
            using var torch = new GeneratedModel("TorchSharp", source);
            var input = JsonDocument.Parse("{\"shape\": [2, 6, 5], \"data\": [" + string.Join(", ", Enumerable.Range(0, 60).Select(i => Math.Sin(i * 0.7).ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]}").RootElement;

            // One training batch moves the running statistics; the weight file carries them (and no batch counter).
            cpu.Forward(input, training: true);
            cpu.SaveWeights(path);
            Assert.DoesNotContain(SafetensorsFile.Read(path), t => WeightBinder.IsBatchCounter(t.Name));
            torch.LoadWeights(path);

            var expected = cpu.Forward(input, training: false);
            var actual = torch.Forward(input, training: false);
            Assert.Equal(2 * 6 * 3, expected.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5, $"output {i}: Cpu {expected[i]}, TorchSharp {actual[i]}");
            }

            // Softmax of a dense layer on [steps, features] normalises the features of each step, as Keras does.
            for (var row = 0; row < 12; row++)
            {
                Assert.Equal(1.0, expected.Skip(row * 3).Take(3).Sum(v => (double)v), 5);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static CheckedModel CheckOne(string source)
    {
        var result = ModelCompiler.Compile(new[] { new SourceFile("m.model", source) }, CompilationOptions.Default with { Emit = false }, default);
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Models.Single();
    }

    private static List<JsonElement> FixtureCases() =>
        JsonDocument.Parse(File.ReadAllText(FixturePath)).RootElement.GetProperty("cases").EnumerateArray().ToList();

    private static float[] Data(JsonElement tensor) => tensor.GetProperty("data").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    private static void AssertClose(JsonElement expected, float[] actual, string what)
    {
        var values = Data(expected);
        Assert.True(values.Length == actual.Length, $"{what}: {actual.Length} values, PyTorch {values.Length}");
        for (var i = 0; i < values.Length; i++)
        {
            Assert.True(Math.Abs(values[i] - actual[i]) <= 2e-5 + (1e-4 * Math.Abs(values[i])), $"{what}[{i}]: {actual[i]}, PyTorch {values[i]}");
        }
    }

    /// <summary>One generated model of either backend, driven by reflection with JSON tensors.</summary>
    private sealed class GeneratedModel : IDisposable
    {
        private readonly object _module;
        private readonly Type _type;
        private readonly bool _cpu;

        public GeneratedModel(string backend, string source)
        {
            _cpu = backend == "Cpu";
            var options = CompilationOptions.Default with { Backend = _cpu ? Backend.Cpu : Backend.TorchSharp };
            var result = ModelCompiler.Compile(new[] { new SourceFile("options.model", source) }, options, default);
            Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
            var assembly = GeneratedCodeCompiler.Load(result.Sources.Select(s => s.Text));
            var name = result.Models.Single().Name;
            _type = assembly.GetTypes().Single(t => t.Name == name && !t.IsNested);
            if (_cpu)
            {
                _module = Activator.CreateInstance(_type, new CpuRuntime.Generator(3))!;
            }
            else
            {
                random.manual_seed(3);
                _module = Activator.CreateInstance(_type)!;
            }
        }

        public long TrainableParameters => (long)_type.GetField("TrainableParameters")!.GetValue(null)!;

        public float[] Forward(JsonElement input, bool training)
        {
            var shape = input.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
            var data = Data(input);
            if (_cpu)
            {
                var module = (CpuRuntime.Modules.Module)_module;
                module.Train(training);
                var forward = _type.GetMethods().Single(m => m.Name == "Forward" && m.DeclaringType == _type);
                return ((CpuRuntime.Tensor)forward.Invoke(module, new object[] { CpuRuntime.Tensor.FromArray(data, shape) })!).ToArray();
            }

            var torchModule = (nn.Module)_module;
            if (training)
            {
                torchModule.train();
            }
            else
            {
                torchModule.eval();
            }

            var torchForward = _type.GetMethods().Single(m => m.Name == "forward" && m.DeclaringType == _type);
            using var x = tensor(data, shape.Select(d => (long)d).ToArray());
            using var y = (Tensor)torchForward.Invoke(torchModule, new object[] { x })!;
            return y.detach().data<float>().ToArray();
        }

        public Dictionary<string, float[]> Weights() =>
            ((IReadOnlyList<WeightTensor>)_type.GetMethod("WeightTensors")!.Invoke(_module, null)!).ToDictionary(t => t.Name, t => t.Values);

        public void SaveWeights(string path) => _type.GetMethod("SaveWeights")!.Invoke(_module, new object[] { path });

        public void LoadWeights(string path) => _type.GetMethod("LoadWeights")!.Invoke(_module, new object[] { path });

        public void Dispose() => (_module as IDisposable)?.Dispose();
    }
}
