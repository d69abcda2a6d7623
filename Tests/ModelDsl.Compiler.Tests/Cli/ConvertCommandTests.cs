using System;
using System.Globalization;
using System.IO;
using System.Linq;
using ModelDsl.Cli;
using ModelDsl.Compiler.Tests.Emit;
using ModelDsl.Runtime.Weights;
using TorchSharp.PyBridge;
using Xunit;
using CpuTensor = ModelDsl.Runtime.Cpu.Tensor;

namespace ModelDsl.Compiler.Tests.Cli;

/// <summary>
/// PyTorch <c>.pt</c>/<c>.pth</c> state_dicts in: a file written by Debian's torch (<c>torch.save(model.state_dict())</c>)
/// becomes safetensors with <c>modeldsl convert</c>, which the generated Cpu model loads, and the TorchSharp build of the
/// same model reads the <c>.pth</c> itself with TorchSharp.PyBridge's <c>load_py</c>; both compute PyTorch's output.
/// </summary>
[Collection(PythonCollection.Name)]
public sealed class ConvertCommandTests : IDisposable
{
    private const string Model = """
        model Tiny {
            input features: float[3]
            dense(4, activation: relu)
            batchnorm()
            dense(2, activation: softmax)
        }
        """;

    // The same network in PyTorch, with running statistics that are not the initial 0 and 1.
    private const string Script = """
        import sys
        import torch
        from torch import nn

        torch.manual_seed(0)

        class Tiny(nn.Module):
            def __init__(self):
                super().__init__()
                self.dense_0 = nn.Linear(3, 4)
                self.batchnorm_0 = nn.BatchNorm1d(4)
                self.dense_1 = nn.Linear(4, 2)

            def forward(self, x):
                return torch.softmax(self.dense_1(self.batchnorm_0(torch.relu(self.dense_0(x)))), dim=1)

        model = Tiny()
        model.train()
        model(torch.randn(16, 3) * 3 + 1)  # updates running_mean/var and num_batches_tracked
        model.eval()
        torch.save(model.state_dict(), sys.argv[1])
        x = torch.tensor([[0.5, -1.0, 2.0], [3.0, 0.25, -0.75]])
        print(" ".join("%.9g" % v for v in model(x).flatten().tolist()))
        """;

    private static readonly float[] Features = { 0.5f, -1, 2, 3, 0.25f, -0.75f };

    private readonly string _directory = Directory.CreateTempSubdirectory("modeldsl-convert-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_torch_saved_state_dict_converts_to_safetensors_and_loads_on_both_backends()
    {
        var pth = Path.Combine(_directory, "tiny.pth");
        var (exit, log) = PythonProcess.Run(_directory, TimeSpan.FromMinutes(5), new[] { "-c", Script, pth });
        Assert.True(exit == 0, log);
        var expected = log.Trim().Split('\n').Last().Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var safetensors = Path.Combine(_directory, "tiny.safetensors");

        var (code, output, error) = Run("convert", pth, "-o", safetensors);

        Assert.True(code == 0, error + output);
        Assert.Contains("Converted 8 tensors", output, StringComparison.Ordinal);
        var names = SafetensorsFile.Read(safetensors).Select(t => t.Name).ToArray();
        Assert.Equal(new[] { "batchnorm_0.bias", "batchnorm_0.running_mean", "batchnorm_0.running_var", "batchnorm_0.weight", "dense_0.bias", "dense_0.weight", "dense_1.bias", "dense_1.weight" }, names);

        // The Cpu engine reads the converted file.
        var cpuResult = ModelCompiler.Compile(new[] { new SourceFile("tiny.model", Model) }, CompilationOptions.Default with { Backend = Backend.Cpu });
        var cpuType = GeneratedCodeCompiler.Load(cpuResult.Sources.Select(s => s.Text)).GetTypes().Single(t => t.Name == "Tiny");
        var cpu = (ModelDsl.Runtime.Cpu.Modules.Module)Activator.CreateInstance(cpuType, new ModelDsl.Runtime.Cpu.Generator(1))!;
        cpuType.GetMethod("LoadWeights")!.Invoke(cpu, new object[] { safetensors });
        cpu.Eval();
        var cpuOutput = ((CpuTensor)cpuType.GetMethod("Forward")!.Invoke(cpu, new object[] { CpuTensor.FromArray(Features, 2, 3) })!).ToArray();
        Interop.OnnxExportTests.AssertClose(expected, cpuOutput, "Cpu engine with the converted weights");

        // TorchSharp reads the .pth itself (PyBridge): the generated module's state_dict names are PyTorch's.
        var torchResult = ModelCompiler.Compile(new[] { new SourceFile("tiny.model", Model) }, CompilationOptions.Default with { Backend = Backend.TorchSharp });
        var torchType = GeneratedCodeCompiler.Load(torchResult.Sources.Select(s => s.Text)).GetTypes().Single(t => t.Name == "Tiny");
        using var module = (TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)Activator.CreateInstance(torchType)!;
        module.load_py(pth);
        module.eval();
        using var input = TorchSharp.torch.tensor(Features, new long[] { 2, 3 });
        using var torchOutput = module.call(input);
        Interop.OnnxExportTests.AssertClose(expected, torchOutput.data<float>().ToArray(), "TorchSharp with load_py");
    }

    [Fact]
    public void A_file_that_is_not_a_state_dict_is_one_clear_error_naming_it()
    {
        var path = Path.Combine(_directory, "notes.pth");
        File.WriteAllText(path, "these are not weights");

        var (code, _, error) = Run("convert", path, "-o", Path.Combine(_directory, "x.safetensors"));

        Assert.Equal(1, code);
        Assert.StartsWith($"modeldsl: {path}: not a PyTorch state_dict that convert can read", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "x.safetensors")));
    }

    [Fact]
    public void A_missing_file_is_one_clear_error()
    {
        var path = Path.Combine(_directory, "missing.pt");

        var (code, _, error) = Run("convert", path, "-o", Path.Combine(_directory, "x.safetensors"));

        Assert.Equal(1, code);
        Assert.Equal($"modeldsl: {path}: the file does not exist", error.Trim());
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLineApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
