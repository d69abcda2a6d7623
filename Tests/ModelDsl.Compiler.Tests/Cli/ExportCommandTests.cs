using System;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelDsl.Cli;
using ModelDsl.Runtime.Weights;
using Xunit;

namespace ModelDsl.Compiler.Tests.Cli;

/// <summary><c>modeldsl export</c> in-process: a weight file or a checkpoint in, an ONNX file that ONNX Runtime runs out.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private const string Model = """
        model Tiny {
            input features: float[3]
            dense(4, activation: relu)
            dense(2, activation: softmax)
        }

        model Other {
            input features: float[5]
            dense(1)
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("modeldsl-export-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Exports_a_safetensors_file_that_onnx_runtime_runs_with_those_weights()
    {
        var file = Write("tiny.model", Model);
        var weights = Path.Combine(_directory, "tiny.safetensors");
        float[] w0 = { 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1 }, b0 = { 0, 0, 0, -10 }, w1 = { 1, 0, 0, 0, 0, 1, 0, 0 }, b1 = { 0, 0 };
        SafetensorsFile.Write(weights, new[]
        {
            new WeightTensor("dense_0.weight", new long[] { 4, 3 }, w0),
            new WeightTensor("dense_0.bias", new long[] { 4 }, b0),
            new WeightTensor("dense_1.weight", new long[] { 2, 4 }, w1),
            new WeightTensor("dense_1.bias", new long[] { 2 }, b1),
        });
        var onnx = Path.Combine(_directory, "tiny.onnx");

        var (code, output, error) = Run("export", file, "--model", "Tiny", "--weights", weights, "-o", onnx);

        Assert.True(code == 0, error + output);
        Assert.Contains("Exported Tiny", output, StringComparison.Ordinal);
        using var session = new InferenceSession(onnx);
        var input = new DenseTensor<float>(new float[] { 2, 1, 5 }, new[] { 1, 3 });
        using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("features", input) });
        var probabilities = results.Single().AsTensor<float>().ToArray();

        // relu(W0·x + b0) = [2, 1, 5, 0]; W1 picks the first two: softmax([2, 1]).
        var expected = Math.Exp(2) / (Math.Exp(2) + Math.Exp(1));
        Assert.Equal(expected, probabilities[0], 5);
        Assert.Equal(1 - expected, probabilities[1], 5);
    }

    [Fact]
    public void Exports_a_checkpoint_that_onnx_runtime_runs_as_the_trainer_predicts()
    {
        var text = Model + """

            train Tiny {
                loss: sparse_categorical_crossentropy
                optimizer: adam(lr: 0.01)
            }
            """;
        var file = Write("tiny.model", text);
        var result = ModelCompiler.Compile(new[] { new SourceFile(file, text) }, CompilationOptions.Default with { Backend = Backend.Cpu });
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
        var assembly = Emit.GeneratedCodeCompiler.Load(result.Sources.Select(s => s.Text));
        var trainerType = assembly.GetTypes().Single(t => t.Name == "TinyTrainer");
        var constructor = trainerType.GetConstructors().Single();
        var trainer = constructor.Invoke(constructor.GetParameters().Select(p => p.Name == "seed" ? (object?)4 : null).ToArray());
        var checkpoint = Path.Combine(_directory, "tiny.ckpt");
        trainerType.GetMethod("Save")!.Invoke(trainer, new object[] { checkpoint });
        var model = trainerType.GetProperty("Model")!.GetValue(trainer)!;
        var features = new float[] { 0.5f, -1, 2, 3, 0.25f, -0.75f };
        var expected = ((ModelDsl.Runtime.Cpu.Tensor)model.GetType().GetMethod("Forward")!.Invoke(model, new object[] { ModelDsl.Runtime.Cpu.Tensor.FromArray(features, 2, 3) })!).ToArray();
        var onnx = Path.Combine(_directory, "tiny.onnx");

        var (code, output, error) = Run("export", file, "--model", "Tiny", "--checkpoint", checkpoint, "-o", onnx);

        Assert.True(code == 0, error + output);
        using var session = new InferenceSession(onnx);
        using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("features", new DenseTensor<float>(features, new[] { 2, 3 })) });
        Interop.OnnxExportTests.AssertClose(expected, results.Single().AsTensor<float>().ToArray(), "the checkpoint's ONNX export");
    }

    [Fact]
    public void A_checkpoint_of_a_model_without_a_train_declaration_is_a_clear_error()
    {
        var file = Write("tiny.model", Model);
        File.WriteAllText(Path.Combine(_directory, "tiny.ckpt"), "not used");

        var (code, _, error) = Run("export", file, "--model", "Other", "--checkpoint", Path.Combine(_directory, "tiny.ckpt"), "-o", Path.Combine(_directory, "x.onnx"));

        Assert.Equal(1, code);
        Assert.Contains("has no train declaration for Other", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "x.onnx")));
    }

    [Fact]
    public void Weights_of_another_model_are_one_clear_error_naming_the_key()
    {
        var file = Write("tiny.model", Model);
        var weights = Path.Combine(_directory, "other.safetensors");
        SafetensorsFile.Write(weights, new[] { new WeightTensor("dense_0.weight", new long[] { 1, 5 }, new float[5]), new WeightTensor("dense_0.bias", new long[] { 1 }, new float[1]) });

        var (code, _, error) = Run("export", file, "--model", "Tiny", "--weights", weights, "-o", Path.Combine(_directory, "x.onnx"));

        Assert.Equal(1, code);
        Assert.StartsWith($"modeldsl: {weights}: 'dense_1.weight': the file has no tensor", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "x.onnx")));
    }

    [Theory]
    [InlineData(false, "exactly one of --weights")]
    [InlineData(true, "several models (Tiny, Other); choose one with --model NAME")]
    public void Usage_errors_say_what_to_give(bool giveWeights, string expected)
    {
        var file = Write("tiny.model", Model);
        var args = giveWeights
            ? new[] { "export", file, "--weights", "w.safetensors", "-o", "x.onnx" }
            : new[] { "export", file, "--model", "Tiny", "-o", "x.onnx" };

        var (code, _, error) = Run(args);

        Assert.Equal(1, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLineApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
