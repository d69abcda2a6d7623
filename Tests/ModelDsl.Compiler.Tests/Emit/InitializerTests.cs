using System;
using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Runtime.Weights;
using Xunit;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>
/// <c>kernel_initializer:</c>/<c>bias_initializer:</c> and <c>defaults { init: keras }</c> on both backends: each
/// initialiser's weights, drawn by the generated Cpu module and by the generated TorchSharp module on libtorch, have
/// the mean, variance and bounds of its formula (fans as PyTorch and Keras compute them).
/// </summary>
[Collection(LibTorchCollection.Name)]
public sealed class InitializerTests
{
    private const int FanIn = 300;
    private const int Units = 200;

    // Convolution: [64, 32, 3, 3] has fan_in 32·9 = 288 and fan_out 64·9 = 576.
    private const int ConvFanIn = 288;
    private const int ConvFanOut = 576;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in new[] { "Cpu", "TorchSharp" })
        {
            foreach (var initializer in new[] { "glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "lecun_uniform", "lecun_normal", "normal(scale: 0.02)", "uniform(scale: 0.3)", "constant(0.25)", "ones", "zeros" })
            {
                data.Add(backend, initializer);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Dense_and_conv2d_weights_have_the_statistics_of_the_formula(string backend, string initializer)
    {
        var source = $$"""
            model Dense {
                input v: float[{{FanIn}}]
                dense({{Units}}, kernel_initializer: {{initializer}}, bias_initializer: constant(0.5))
            }
            model Conv {
                input image: float[32, 8, 8]
                conv2d(64, kernel: 3, kernel_initializer: {{initializer}}, bias_initializer: zeros)
            }
            """;
        var weights = Weights(backend, source);

        Check(initializer, weights[("Dense", "dense_0.weight")], FanIn, Units);
        Check(initializer, weights[("Conv", "conv2d_0.weight")], ConvFanIn, ConvFanOut);
        Assert.All(weights[("Dense", "dense_0.bias")], b => Assert.Equal(0.5f, b));
        Assert.All(weights[("Conv", "conv2d_0.bias")], b => Assert.Equal(0f, b));
    }

    [Theory]
    [InlineData("Cpu")]
    [InlineData("TorchSharp")]
    public void The_keras_profile_gives_glorot_uniform_kernels_zero_biases_and_keras_batch_norm(string backend)
    {
        var source = """
            defaults { init: keras }
            model Deep {
                input v: float[300]
                dense(200, activation: relu)
                batchnorm()
                dense(10, kernel_initializer: he_normal, bias_initializer: ones)
            }
            """;
        var result = ModelCompiler.Compile(new[] { new SourceFile("keras.model", source) }, Options(backend), default);
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
        var layers = result.Models.Single().Layers().Select(l => ((CheckedLayer)l.Member).Arguments).ToList();
        var norm = layers.OfType<BatchNormArguments>().Single();
        Assert.Equal(0.01, norm.Momentum);  // Keras' momentum 0.99, in PyTorch's convention
        Assert.Equal(1e-3, norm.Eps);

        var weights = Weights(backend, source);
        Check("glorot_uniform", weights[("Deep", "dense_0.weight")], 300, 200);
        Assert.All(weights[("Deep", "dense_0.bias")], b => Assert.Equal(0f, b));
        Check("he_normal", weights[("Deep", "dense_1.weight")], 200, 10, tolerance: 0.25);
        Assert.All(weights[("Deep", "dense_1.bias")], b => Assert.Equal(1f, b));
    }

    [Fact]
    public void Without_a_profile_layers_keep_pytorch_defaults()
    {
        var result = ModelCompiler.Compile(new[] { new SourceFile("plain.model", "model Plain {\n    input v: float[4]\n    dense(2)\n    batchnorm()\n}\n") }, CompilationOptions.Default, default);
        var layers = result.Models.Single().Layers().Select(l => ((CheckedLayer)l.Member).Arguments).ToList();
        Assert.Null(layers.OfType<DenseArguments>().Single().KernelInit);
        Assert.Equal(0.1, layers.OfType<BatchNormArguments>().Single().Momentum);
        Assert.Equal(1e-5, layers.OfType<BatchNormArguments>().Single().Eps);
    }

    private static CompilationOptions Options(string backend) =>
        CompilationOptions.Default with { Backend = backend == "Cpu" ? Backend.Cpu : Backend.TorchSharp };

    /// <summary>Every weight tensor of every model in <paramref name="source"/>, created by the generated code.</summary>
    private static Dictionary<(string Model, string Tensor), float[]> Weights(string backend, string source)
    {
        var result = ModelCompiler.Compile(new[] { new SourceFile("init.model", source) }, Options(backend), default);
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
        var assembly = GeneratedCodeCompiler.Load(result.Sources.Select(s => s.Text));
        var weights = new Dictionary<(string, string), float[]>();
        foreach (var model in result.Models)
        {
            var type = assembly.GetTypes().Single(t => t.Name == model.Name && !t.IsNested);
            object module;
            if (backend == "Cpu")
            {
                module = Activator.CreateInstance(type, new ModelDsl.Runtime.Cpu.Generator(11))!;
            }
            else
            {
                TorchSharp.torch.random.manual_seed(11);
                module = Activator.CreateInstance(type)!;
            }

            var tensors = (IReadOnlyList<WeightTensor>)type.GetMethod("WeightTensors")!.Invoke(module, null)!;
            foreach (var tensor in tensors)
            {
                weights[(model.Name, tensor.Name)] = tensor.Values;
            }

            (module as IDisposable)?.Dispose();
        }

        return weights;
    }

    private static void Check(string initializer, float[] values, int fanIn, int fanOut, double tolerance = 0.05)
    {
        var n = values.Length;
        var mean = values.Average(v => (double)v);
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        var max = values.Max(v => Math.Abs((double)v));
        switch (initializer)
        {
            case "constant(0.25)":
                Assert.All(values, v => Assert.Equal(0.25f, v));
                return;
            case "ones":
                Assert.All(values, v => Assert.Equal(1f, v));
                return;
            case "zeros":
                Assert.All(values, v => Assert.Equal(0f, v));
                return;
        }

        var (expectedVariance, bound) = initializer switch
        {
            "glorot_uniform" => (2.0 / (fanIn + fanOut), Math.Sqrt(6.0 / (fanIn + fanOut))),
            "he_uniform" => (2.0 / fanIn, Math.Sqrt(6.0 / fanIn)),
            "lecun_uniform" => (1.0 / fanIn, Math.Sqrt(3.0 / fanIn)),
            "uniform(scale: 0.3)" => (0.09 / 3, 0.3),

            // The variance-scaling normals are cut at ±2σ' with σ' = σ / 0.8796, so the variance stays the formula's.
            "glorot_normal" => (2.0 / (fanIn + fanOut), 2 * Math.Sqrt(2.0 / (fanIn + fanOut)) / InitializerSpec.TruncatedNormalStd),
            "he_normal" => (2.0 / fanIn, 2 * Math.Sqrt(2.0 / fanIn) / InitializerSpec.TruncatedNormalStd),
            "lecun_normal" => (1.0 / fanIn, 2 * Math.Sqrt(1.0 / fanIn) / InitializerSpec.TruncatedNormalStd),
            "normal(scale: 0.02)" => (0.0004, double.PositiveInfinity),
            _ => throw new ArgumentOutOfRangeException(nameof(initializer)),
        };

        var sigma = Math.Sqrt(expectedVariance);
        Assert.True(Math.Abs(mean) < 5 * sigma / Math.Sqrt(n), $"{initializer}: mean {mean} of {n} values is not 0 (σ {sigma})");
        Assert.True(Math.Abs(variance / expectedVariance - 1) < tolerance, $"{initializer}: variance {variance}, the formula says {expectedVariance}");
        Assert.True(max <= bound * (1 + 1e-6), $"{initializer}: |w| reaches {max}, beyond the bound {bound}");
        if (!double.IsInfinity(bound) && n > 10_000)
        {
            Assert.True(max > 0.98 * bound, $"{initializer}: |w| only reaches {max} of the bound {bound}");
        }
    }
}
