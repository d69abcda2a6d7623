using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Generator = ModelDsl.Runtime.Cpu.Generator;
using Tensor = ModelDsl.Runtime.Cpu.Tensor;
using Xunit;

namespace ModelDsl.Compiler.Tests.Interop;

/// <summary>
/// Every sample and test model is exported with its generated <c>ExportOnnx</c> and run by ONNX Runtime: ORT's outputs
/// equal the Cpu engine's (inference mode, non-trivial batch-norm statistics) within 1e-5 relative, the batch axis is
/// dynamic, inputs and outputs carry the .model names, and symbolic-size models run at two sizes.
/// </summary>
public sealed class OnnxExportTests : IDisposable
{
    private const double Tolerance = 1e-5;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "modeldsl-onnx-tests", Guid.NewGuid().ToString("N"));

    public OnnxExportTests() => Directory.CreateDirectory(_folder);

    public static TheoryData<string> AllModels()
    {
        var data = new TheoryData<string>();
        // VGG16 (138 M parameters, 553 MB of weights) is left out to keep the suite fast; its layers are all covered by
        // smaller models.
        foreach (var model in GeneratedModels.Models.Where(m => m.Model.Parameters.Total < 50_000_000))
        {
            data.Add(model.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void Onnx_runtime_computes_what_the_engine_computes(string id)
    {
        var generated = GeneratedModels.Get(id);
        var module = generated.Create(seed: 5);
        foreach (var (_, buffer) in module.NamedBuffers())
        {
            Tensor.Uniform(new Generator(13), 0.5f, 1.5f, buffer.Shape.ToArray()).Data.CopyTo(buffer.Data);
        }

        module.Eval();
        var path = Path.Combine(_folder, "model.onnx");
        generated.Invoke(module, "ExportOnnx", path);

        using var session = new InferenceSession(path);
        Assert.Equal(generated.Model.Inputs.Select(i => i.Name), session.InputNames);
        Assert.Equal(generated.Model.Outputs.Select(o => o.Name ?? "output"), session.OutputNames);
        Assert.All(session.InputMetadata.Values, input => Assert.Equal("N", input.SymbolicDimensions[0]));

        var symbolic = generated.Model.Inputs.Any(i => !i.Shape.IsConcrete);
        var large = generated.Model.Parameters.Total > 5_000_000;
        foreach (var size in symbolic ? new[] { 20, 33 } : new[] { 0 })
        {
            var inputs = generated.Inputs(batch: large ? 1 : 3, symbolSize: size, seed: 17);
            var expected = generated.Forward(module, inputs);
            var feeds = generated.Model.Inputs.Select((input, i) => NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<float>(inputs[i].ToArray(), inputs[i].Shape.ToArray()))).ToList();
            using var results = session.Run(feeds);
            for (var i = 0; i < expected.Length; i++)
            {
                var name = generated.Model.Outputs[i].Name ?? "output";
                var actual = results.Single(r => r.Name == name).AsTensor<float>();
                Assert.Equal(expected[i].Shape.ToArray(), actual.Dimensions.ToArray());
                AssertClose(expected[i].ToArray(), actual.ToArray(), $"{id} output {name} (symbolic size {size})");
            }
        }
    }

    /// <summary>‖actual − expected‖∞ ≤ tolerance · ‖expected‖∞: relative to the output's scale, as float32 sums in another order allow.</summary>
    internal static void AssertClose(IReadOnlyList<float> expected, IReadOnlyList<float> actual, string what, double tolerance = Tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        var scale = Math.Max(expected.Max(v => Math.Abs((double)v)), 1e-12);
        var worst = expected.Zip(actual, (e, a) => Math.Abs((double)e - a)).Max();
        Assert.True(worst <= tolerance * scale, $"{what}: max difference {worst:G3} exceeds {tolerance:G1} × {scale:G3}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }
    }
}
