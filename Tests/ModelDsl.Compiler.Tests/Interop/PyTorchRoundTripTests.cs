using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ModelDsl.Compiler.Emit.PyTorch;
using ModelDsl.Compiler.Tests.Emit;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Weights;
using Xunit;
using CpuTensor = ModelDsl.Runtime.Cpu.Tensor;

namespace ModelDsl.Compiler.Tests.Interop;

/// <summary>
/// The scale-out round trip of docs/scaling-out.md: the Fashion-MNIST DNN emitted with the PyTorch profile, trained by
/// <c>torchrun --nproc_per_node 2</c> (gloo, CPU, localhost) for one epoch on a subset, and its safetensors weights
/// loaded back on both .NET backends. The test accuracy .NET computes equals the one PyTorch printed, and the emitted
/// module's output on a fixed batch equals the generated Cpu and TorchSharp models' for the same weights.
/// </summary>
[Collection(PythonCollection.Name)]
public sealed class PyTorchRoundTripTests : IDisposable
{
    private const string Torchrun = "/usr/bin/torchrun";
    private const string DataDirectory = "/usr/share/datasets/fashion-mnist";
    private const string ModelId = "Samples/FashionMnist/Models/fashion.model:FashionDnn";

    // Small enough for a shared CI machine, large enough that one example is 0.0005 of the accuracy.
    private const int TrainLimit = 2000;
    private const int TestLimit = 2000;

    private readonly string _directory = Directory.CreateTempSubdirectory("modeldsl-scaleout-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Weights_trained_by_torchrun_give_the_same_accuracy_and_outputs_on_both_backends()
    {
        var scripts = Path.Combine(_directory, "scaleout");
        var (files, _) = SourceFileLoader.Load(new[] { Path.Combine(RepositoryRoot, "Samples", "FashionMnist", "Models", "fashion.model") });
        var result = ModelCompiler.Compile(files, CompilationOptions.Default with { Emit = false });
        PythonProcess.WriteFiles(scripts, PyTorchEmitter.Emit(result.Models, result.Trainings).Files);

        // 1. torchrun: two gloo processes on this machine (--standalone picks a free rendezvous port, so parallel CI
        //    jobs do not collide; Debian's torch 1.13 needs --redirects/--tee to start at all).
        var output = Path.Combine(_directory, "runs");
        var (exitCode, log) = PythonProcess.Run(_directory, TimeSpan.FromMinutes(15), new[]
        {
            Torchrun, "--standalone", "--nproc_per_node", "2", "--redirects", "1", "--tee", "1",
            Path.Combine(scripts, "train_fashion_dnn.py"), "--data", DataDirectory, "--output", output,
            "--epochs", "1", "--train-limit", Invariant(TrainLimit), "--test-limit", Invariant(TestLimit),
        });
        Assert.True(exitCode == 0, log);
        var printed = Regex.Match(log, @"test_accuracy=(?<value>[0-9.]+)");
        Assert.True(printed.Success, "no test_accuracy line in the torchrun output:\n" + log);
        var pytorchAccuracy = double.Parse(printed.Groups["value"].Value, CultureInfo.InvariantCulture);
        Assert.Contains("with 2 process(es)", log, StringComparison.Ordinal);
        var weights = Path.Combine(output, "FashionDnn.safetensors");

        // 2. Back in .NET on both backends: same weights, so the same test accuracy (PyTorch prints four decimals).
        var cpuModel = GeneratedModels.Get(ModelId);
        var cpu = cpuModel.Create(seed: 1);
        cpuModel.Invoke(cpu, "LoadWeights", weights);
        cpu.Eval();
        var torchModel = TorchSharpModels.Get(ModelId);
        using var torch = torchModel.Create(seed: 1);
        torchModel.Invoke(torch, "LoadWeights", weights);
        torch.eval();

        var test = IdxDataset.Load(Path.Combine(DataDirectory, "t10k-images-idx3-ubyte.gz"), Path.Combine(DataDirectory, "t10k-labels-idx1-ubyte.gz"));
        var images = test.Inputs[0].Values!;
        var labels = test.Targets[0].ClassIndices!;
        CpuTensor Batch(int start, int count) =>
            CpuTensor.FromArray(images.AsSpan(start * 784, count * 784).ToArray().Select(v => v / 255f).ToArray(), count, 1, 28, 28);

        int cpuCorrect = 0, torchCorrect = 0;
        for (var start = 0; start < TestLimit; start += 250)
        {
            var batch = Batch(start, Math.Min(250, TestLimit - start));
            cpuCorrect += Correct(cpuModel.Forward(cpu, new[] { batch }).Single(), labels, start);
            torchCorrect += Correct(torchModel.Forward(torch, new[] { batch }).Single(), labels, start);
        }

        Assert.InRange((double)cpuCorrect / TestLimit, pytorchAccuracy - 0.001, pytorchAccuracy + 0.001);
        Assert.InRange((double)torchCorrect / TestLimit, pytorchAccuracy - 0.001, pytorchAccuracy + 0.001);
        Assert.True(pytorchAccuracy > 0.3, $"one epoch should learn something: test_accuracy={pytorchAccuracy}");

        // 3. The emitted module on a fixed batch, with the same weights, computes what both generated models compute.
        var fixedBatch = Batch(start: 0, count: 16);
        var batchPath = Path.Combine(_directory, "batch.safetensors");
        SafetensorsFile.Write(batchPath, new[] { new WeightTensor("image", fixedBatch.Shape.Select(d => (long)d).ToArray(), fixedBatch.ToArray()) });
        var outputPath = Path.Combine(_directory, "output.safetensors");
        var forward = Path.Combine(Semantics.TestPaths.ProjectDirectory, "Interop", "ScaleOut", "forward_batch.py");
        var (forwardExit, forwardLog) = PythonProcess.Run(_directory, TimeSpan.FromMinutes(5), new[] { forward, scripts, "fashion_dnn", "FashionDnn", weights, batchPath, outputPath });
        Assert.True(forwardExit == 0, forwardLog);
        var expected = SafetensorsFile.Read(outputPath).Single();
        Assert.Equal(new long[] { 16, 10 }, expected.Shape);
        OnnxExportTests.AssertClose(expected.Values, cpuModel.Forward(cpu, new[] { fixedBatch }).Single().ToArray(), "Cpu vs emitted PyTorch module");
        OnnxExportTests.AssertClose(expected.Values, torchModel.Forward(torch, new[] { fixedBatch }).Single().ToArray(), "TorchSharp vs emitted PyTorch module");
    }

    [Fact]
    public void Init_weights_start_the_script_from_a_weight_file_written_in_dotnet()
    {
        var scripts = Path.Combine(_directory, "scaleout");
        var (files, _) = SourceFileLoader.Load(new[] { Path.Combine(RepositoryRoot, "Samples", "FashionMnist", "Models", "fashion.model") });
        var result = ModelCompiler.Compile(files, CompilationOptions.Default with { Emit = false });
        PythonProcess.WriteFiles(scripts, PyTorchEmitter.Emit(result.Models, result.Trainings).Files);
        var cpuModel = GeneratedModels.Get(ModelId);
        var initial = Path.Combine(_directory, "initial.safetensors");
        cpuModel.Invoke(cpuModel.Create(seed: 3), "SaveWeights", initial);
        var final = Path.Combine(_directory, "final.safetensors");

        // No epochs: the script's final weights are the ones it started from (one process, no torchrun needed).
        var (exitCode, log) = PythonProcess.Run(_directory, TimeSpan.FromMinutes(10), new[]
        {
            Path.Combine(scripts, "train_fashion_dnn.py"), "--data", DataDirectory, "--output", Path.Combine(_directory, "runs"),
            "--epochs", "0", "--train-limit", "200", "--test-limit", "200", "--init-weights", initial, "--weights", final,
        });

        Assert.True(exitCode == 0, log);
        var expected = SafetensorsFile.Read(initial);
        var actual = SafetensorsFile.Read(final).ToDictionary(t => t.Name);
        Assert.Equal(expected.Select(t => t.Name).Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, t => Assert.Equal(t.Values, actual[t.Name].Values));
    }

    private static int Correct(CpuTensor probabilities, int[] labels, int start)
    {
        var values = probabilities.ToArray();
        var classes = probabilities.Shape[1];
        var correct = 0;
        for (var i = 0; i < probabilities.Shape[0]; i++)
        {
            var row = values.AsSpan(i * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }

            correct += best == labels[start + i] ? 1 : 0;
        }

        return correct;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string RepositoryRoot => Path.GetFullPath(Path.Combine(Semantics.TestPaths.ProjectDirectory, "..", ".."));
}
