using System;
using System.IO;
using System.Linq;
using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Weights;
using Xunit;

namespace ModelDsl.Compiler.Tests.Interop;

/// <summary>Generated Cpu models save and load safetensors weights: keys are the .model names, values survive exactly.</summary>
public sealed class CpuWeightFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "modeldsl-weights-tests", Guid.NewGuid().ToString("N"));

    public CpuWeightFileTests() => Directory.CreateDirectory(_folder);

    public static TheoryData<string> SmallModels()
    {
        var data = new TheoryData<string>();
        foreach (var model in GeneratedModels.Models.Where(m => m.Model.Parameters.Total < 5_000_000))
        {
            data.Add(model.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SmallModels))]
    public void Saved_weights_load_into_a_fresh_model_and_give_the_same_outputs(string id)
    {
        var generated = GeneratedModels.Get(id);
        var trained = generated.Create(seed: 7);
        foreach (var (_, buffer) in trained.NamedBuffers())
        {
            // Non-trivial running statistics, so a file without them would give other outputs.
            var random = Tensor.Uniform(new Generator(11), 0.5f, 1.5f, buffer.Shape.ToArray());
            random.Data.CopyTo(buffer.Data);
        }

        var path = Path.Combine(_folder, "w.safetensors");
        generated.Invoke(trained, "SaveWeights", path);
        var fresh = generated.Create(seed: 8);
        generated.Invoke(fresh, "LoadWeights", path);

        var names = SafetensorsFile.Read(path).Select(t => t.Name).ToList();
        // A cumulative batch norm's num_batches_tracked stays in checkpoints only: no forward reads it.
        Assert.Equal(trained.NamedState().Select(s => s.Name).Where(n => !WeightBinder.IsBatchCounter(n)), names);
        Assert.Contains(names, n => generated.Model.Layers().Any(l => n == l.Path + ".weight"));
        trained.Eval();
        fresh.Eval();
        var inputs = generated.Inputs(batch: 2, symbolSize: 24, seed: 3);
        var expected = generated.Forward(trained, inputs);
        var actual = generated.Forward(fresh, inputs);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].ToArray(), actual[i].ToArray());
        }
    }

    [Fact]
    public void Weights_of_another_model_are_refused_naming_the_file_and_the_first_key()
    {
        var dnn = GeneratedModels.Models.First(m => m.Model.Name == "MnistDnn");
        var cnn = GeneratedModels.Models.First(m => m.Model.Name == "SameConvNet");
        var path = Path.Combine(_folder, "cnn.safetensors");
        cnn.Invoke(cnn.Create(1), "SaveWeights", path);
        var model = dnn.Create(2);
        var before = model.NamedState().Select(s => s.Tensor.ToArray()).ToList();

        var error = Assert.Throws<WeightFileException>(() => dnn.Invoke(model, "LoadWeights", path));

        Assert.StartsWith(path + ": 'dense_1.weight': the file has no tensor for", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, model.NamedState().Select(s => s.Tensor.ToArray()).ToList());
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
