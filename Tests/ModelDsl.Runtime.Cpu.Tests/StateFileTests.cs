using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Cpu.Modules;
using ModelDsl.Runtime.Cpu.Optim;
using ModelDsl.Runtime.Cpu.State;
using Xunit;

namespace ModelDsl.Runtime.Cpu.Tests;

/// <summary>State files: round trip (training resumes exactly), atomic writes, and clear refusals of bad files.</summary>
public sealed class StateFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "modeldsl-state-" + Guid.NewGuid().ToString("N"));

    public StateFileTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Round_trip_restores_weights_buffers_optimizer_and_metadata_so_training_resumes_exactly()
    {
        var (model, optimizer) = Create(seed: 1);
        TrainSteps(model, optimizer, 3);
        var path = Path.Combine(_directory, "sub", "run.ckpt");
        StateFile.Save(path, model, optimizer, new Dictionary<string, string> { ["epoch"] = "3", ["schedule.t"] = "0.25" });

        var (restored, restoredOptimizer) = Create(seed: 2);
        restoredOptimizer.LearningRate = 0.5;
        var metadata = StateFile.Load(path, restored, restoredOptimizer);
        Assert.Equal("3", metadata["epoch"]);
        Assert.Equal("0.25", metadata["schedule.t"]);
        Assert.DoesNotContain(metadata.Keys, k => k.StartsWith("optimizer.", StringComparison.Ordinal));
        Assert.Equal(optimizer.LearningRate, restoredOptimizer.LearningRate);
        AssertSameState(model, restored);

        TrainSteps(model, optimizer, 2);
        TrainSteps(restored, restoredOptimizer, 2);
        AssertSameState(model, restored);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Saving_again_replaces_the_file_and_weights_only_loading_ignores_optimizer_state()
    {
        var (model, optimizer) = Create(seed: 1);
        var path = Path.Combine(_directory, "a.ckpt");
        StateFile.Save(path, model, optimizer);
        TrainSteps(model, optimizer, 1);
        StateFile.Save(path, model, optimizer);
        var (other, _) = Create(seed: 5);
        StateFile.Load(path, other);
        AssertSameState(model, other);
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Stream_overloads_write_the_same_format_and_name_the_source_in_errors()
    {
        var (model, optimizer) = Create(seed: 1);
        TrainSteps(model, optimizer, 2);
        using var stream = new MemoryStream();
        StateFile.Save(stream, model, optimizer, new Dictionary<string, string> { ["epoch"] = "2" });
        var path = Path.Combine(_directory, "same.ckpt");
        StateFile.Save(path, model, optimizer, new Dictionary<string, string> { ["epoch"] = "2" });
        Assert.Equal(File.ReadAllBytes(path), stream.ToArray());

        var (restored, restoredOptimizer) = Create(seed: 9);
        stream.Position = 0;
        Assert.Equal("2", StateFile.Load(stream, "checkpoint.zip!state", restored, restoredOptimizer)["epoch"]);
        AssertSameState(model, restored);

        using var truncated = new MemoryStream(stream.ToArray()[..100]);
        var e = Assert.Throws<StateFileException>(() => StateFile.Load(truncated, "checkpoint.zip!state", restored));
        Assert.Contains("checkpoint.zip!state", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_is_refused()
    {
        var path = SaveSample();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<StateFileException>(() => StateFile.Read(path));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupted_byte_fails_the_checksum()
    {
        var path = SaveSample();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length - 40] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<StateFileException>(() => StateFile.Read(path));
        Assert.Contains("checksum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_files_and_newer_versions_are_refused()
    {
        var other = Path.Combine(_directory, "notes.txt");
        File.WriteAllText(other, "hello, this is not a checkpoint");
        Assert.Contains("not a ModelDsl state file", Assert.Throws<StateFileException>(() => StateFile.Read(other)).Message, StringComparison.Ordinal);

        var path = SaveSample();
        var bytes = File.ReadAllBytes(path);
        bytes[8] = 9;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<StateFileException>(() => StateFile.Read(path));
        Assert.Contains("format version 9", e.Message, StringComparison.Ordinal);
        Assert.Throws<StateFileException>(() => StateFile.Read(Path.Combine(_directory, "missing.ckpt")));
    }

    [Fact]
    public void Shape_mismatch_names_the_tensor_and_both_shapes_and_leaves_the_model_untouched()
    {
        var path = SaveSample();
        var g = new Generator(3);
        var wider = new Sequential(("fc1", new Linear(4, 6, generator: g)), ("bn", new BatchNorm(6)), ("fc2", new Linear(6, 3, generator: g)));
        var before = wider.NamedParameters().Select(p => p.Parameter.ToArray()).ToArray();
        var e = Assert.Throws<StateFileException>(() => StateFile.Load(path, wider));
        Assert.Contains("'fc1.weight'", e.Message, StringComparison.Ordinal);
        Assert.Contains("[5, 4] in the file but [6, 4] in the model", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, wider.NamedParameters().Select(p => p.Parameter.ToArray()).ToArray());
    }

    [Fact]
    public void Missing_and_unexpected_tensors_are_named()
    {
        var path = SaveSample();
        var g = new Generator(3);
        var deeper = new Sequential(
            ("fc1", new Linear(4, 5, generator: g)), ("bn", new BatchNorm(5)), ("fc2", new Linear(5, 3, generator: g)), ("fc3", new Linear(3, 3, generator: g)));
        Assert.Contains("no parameter 'fc3.weight'", Assert.Throws<StateFileException>(() => StateFile.Load(path, deeper)).Message, StringComparison.Ordinal);

        var shallow = new Sequential(("fc1", new Linear(4, 5, generator: g)), ("bn", new BatchNorm(5)));
        Assert.Contains("'fc2.weight' [3, 5] that the model does not have", Assert.Throws<StateFileException>(() => StateFile.Load(path, shallow)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimizer_kind_mismatch_is_refused()
    {
        var path = SaveSample();
        var (model, _) = Create(seed: 4);
        var sgd = new Sgd(model.Parameters(), lr: 0.1, momentum: 0.9);
        var e = Assert.Throws<StateFileException>(() => StateFile.Load(path, model, sgd));
        Assert.Contains("adam optimizer state but the optimizer is sgd", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    private string SaveSample()
    {
        var (model, optimizer) = Create(seed: 1);
        TrainSteps(model, optimizer, 1);
        var path = Path.Combine(_directory, "sample.ckpt");
        StateFile.Save(path, model, optimizer, new Dictionary<string, string> { ["epoch"] = "1" });
        return path;
    }

    private static (Sequential Model, Adam Optimizer) Create(int seed)
    {
        var g = new Generator(seed);
        var model = new Sequential(("fc1", new Linear(4, 5, generator: g)), ("bn", new BatchNorm(5)), ("fc2", new Linear(5, 3, generator: g)));
        return (model, new Adam(model.Parameters(), lr: 0.01, amsgrad: true));
    }

    private static void TrainSteps(Module<Tensor, Tensor> model, Optimizer optimizer, int steps)
    {
        var x = Tensor.Normal(new Generator(77), 6, 4);
        for (var i = 0; i < steps; i++)
        {
            optimizer.ZeroGrad();
            Functional.SparseCrossEntropy(model.Forward(x), [0, 1, 2, 0, 1, 2]).Backward();
            optimizer.Step();
        }
    }

    private static void AssertSameState(Module a, Module b)
    {
        Assert.Equal(a.NamedParameters().Select(p => (p.Name, p.Parameter.ToArray())), b.NamedParameters().Select(p => (p.Name, p.Parameter.ToArray())));
        Assert.Equal(a.NamedBuffers().Select(p => (p.Name, p.Buffer.ToArray())), b.NamedBuffers().Select(p => (p.Name, p.Buffer.ToArray())));
    }
}
