using System;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelDsl.Compiler.Tests.Emit;
using Xunit;

namespace ModelDsl.Compiler.Tests.Interop;

/// <summary>
/// The generated <c>ExportOnnx</c> of the TorchSharp backend, checked by ONNX Runtime like the Cpu engine's
/// (<see cref="OnnxExportTests"/>): for every sample and test model, ORT's outputs equal libtorch's in inference mode
/// (non-trivial batch-norm statistics) within 1e-5 relative, with the batch axis dynamic and symbolic-size models run
/// at two sizes.
/// </summary>
[Collection(LibTorchCollection.Name)]
public sealed class TorchSharpOnnxExportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("modeldsl-torchsharp-onnx-").FullName;

    [Theory]
    [MemberData(nameof(OnnxExportTests.AllModels), MemberType = typeof(OnnxExportTests))]
    public void Onnx_runtime_computes_what_libtorch_computes(string id)
    {
        var generated = TorchSharpModels.Get(id);
        var cpuModel = GeneratedModels.Get(id);
        using var module = generated.Create(seed: 5);
        using (TorchSharp.torch.no_grad())
        {
            foreach (var (_, buffer) in module.named_buffers().Where(b => b.buffer.dtype == TorchSharp.torch.ScalarType.Float32))
            {
                buffer.copy_(TorchSharp.torch.rand(buffer.shape) + 0.5f);
            }
        }

        module.eval();
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
            var inputs = cpuModel.Inputs(batch: large ? 1 : 3, symbolSize: size, seed: 17);
            var expected = generated.Forward(module, inputs);
            var feeds = generated.Model.Inputs.Select((input, i) => NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<float>(inputs[i].ToArray(), inputs[i].Shape.ToArray()))).ToList();
            using var results = session.Run(feeds);
            for (var i = 0; i < expected.Length; i++)
            {
                var name = generated.Model.Outputs[i].Name ?? "output";
                var actual = results.Single(r => r.Name == name).AsTensor<float>();
                Assert.Equal(expected[i].Shape.ToArray(), actual.Dimensions.ToArray());
                OnnxExportTests.AssertClose(expected[i].ToArray(), actual.ToArray(), $"{id} output {name} (symbolic size {size})");
            }
        }
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
