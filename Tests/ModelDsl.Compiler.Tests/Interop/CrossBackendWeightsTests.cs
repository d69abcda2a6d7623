using System;
using System.IO;
using System.Linq;
using ModelDsl.Compiler.Tests.Emit;
using ModelDsl.Runtime.Weights;
using Xunit;
using Generator = ModelDsl.Runtime.Cpu.Generator;
using Tensor = ModelDsl.Runtime.Cpu.Tensor;

namespace ModelDsl.Compiler.Tests.Interop;

/// <summary>
/// One weight file for both backends: every sample and test model saves safetensors on the Cpu engine and loads them on
/// TorchSharp, and the reverse; the loaded model computes the saver's outputs (inference mode, non-trivial batch-norm
/// statistics) within 1e-5 relative.
/// </summary>
[Collection(LibTorchCollection.Name)]
public sealed class CrossBackendWeightsTests : IDisposable
{
    private const double Tolerance = 1e-5;
    private readonly string _folder = Directory.CreateTempSubdirectory("modeldsl-cross-backend-").FullName;

    /// <summary>
    /// Every model but VGG16 (138 M parameters, 553 MB of weights per file, minutes per direction on a shared CI
    /// machine): its layers are all covered by smaller models, and
    /// <see cref="TorchvisionWeightsTests"/> loads its full torchvision weights on both backends.
    /// </summary>
    public static TheoryData<string> Models() => OnnxExportTests.AllModels();

    [Theory]
    [MemberData(nameof(Models))]
    public void Weights_saved_on_the_cpu_engine_load_on_torchsharp_with_the_same_outputs(string id)
    {
        var cpuModel = GeneratedModels.Get(id);
        var torchModel = TorchSharpModels.Get(id);
        var cpu = cpuModel.Create(seed: 5);
        foreach (var (_, buffer) in cpu.NamedBuffers())
        {
            // Running statistics other than the initial 0 and 1, so a file without them would give other outputs.
            Tensor.Uniform(new Generator(13), 0.5f, 1.5f, buffer.Shape.ToArray()).Data.CopyTo(buffer.Data);
        }

        var path = Path.Combine(_folder, "cpu.safetensors");
        cpuModel.Invoke(cpu, "SaveWeights", path);
        using var libtorch = torchModel.Create(seed: 9);
        torchModel.Invoke(libtorch, "LoadWeights", path);

        AssertSameOutputs(cpuModel, cpu, torchModel, libtorch, id + " (Cpu → TorchSharp)");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Weights_saved_on_torchsharp_load_on_the_cpu_engine_with_the_same_outputs(string id)
    {
        var cpuModel = GeneratedModels.Get(id);
        var torchModel = TorchSharpModels.Get(id);
        using var libtorch = torchModel.Create(seed: 5);
        using (TorchSharp.torch.no_grad())
        {
            foreach (var (_, buffer) in libtorch.named_buffers().Where(b => b.buffer.dtype == TorchSharp.torch.ScalarType.Float32))
            {
                buffer.copy_(TorchSharp.torch.rand(buffer.shape) + 0.5f);
            }
        }

        var path = Path.Combine(_folder, "torchsharp.safetensors");
        torchModel.Invoke(libtorch, "SaveWeights", path);
        var cpu = cpuModel.Create(seed: 9);
        cpuModel.Invoke(cpu, "LoadWeights", path);

        // The same names (TorchSharp writes parameters before buffers, the Cpu engine layer by layer: order is free); a
        // cumulative batch norm's num_batches_tracked is in neither file, as no forward reads it.
        var portable = cpu.NamedState().Select(s => s.Name).Where(n => !WeightBinder.IsBatchCounter(n));
        Assert.Equal(portable.Order(StringComparer.Ordinal), SafetensorsFile.Read(path).Select(t => t.Name).Order(StringComparer.Ordinal));
        AssertSameOutputs(cpuModel, cpu, torchModel, libtorch, id + " (TorchSharp → Cpu)");
    }

    private static void AssertSameOutputs(GeneratedModel cpuModel, ModelDsl.Runtime.Cpu.Modules.Module cpu, TorchSharpModel torchModel, TorchSharp.torch.nn.Module libtorch, string what)
    {
        cpu.Eval();
        libtorch.eval();
        var large = cpuModel.Model.Parameters.Total > 5_000_000;
        var inputs = cpuModel.Inputs(batch: large ? 1 : 3, symbolSize: 24, seed: 17);
        var expected = cpuModel.Forward(cpu, inputs);
        var actual = torchModel.Forward(libtorch, inputs);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Shape, actual[i].Shape);
            OnnxExportTests.AssertClose(expected[i].ToArray(), actual[i].ToArray(), $"{what} output {i}", Tolerance);
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
