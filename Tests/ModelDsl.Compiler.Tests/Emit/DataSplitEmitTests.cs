using System;
using System.Linq;
using Xunit;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary><c>test_split</c> goes into <c>LoadData</c> and <c>validation_steps</c> into every stage's options, identically on both backends.</summary>
public sealed class DataSplitEmitTests
{
    private const string Model = """
        model Shades {
            input image: float[1, 4, 4]
            flatten()
            dense(2, activation: softmax)
        }

        train Shades {
            loss: sparse_categorical_crossentropy
            optimizer: adam(lr: 0.1)
            validation_split: 0.25
            validation_steps: 3
            stage first { epochs: 1 }
            stage second { epochs: 2 }
            data {
                train: folder("shades", size: (4, 4), color: grayscale)
                test_split: 0.2
            }
        }
        """;

    [Theory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.TorchSharp)]
    public void The_trainer_loads_with_the_test_split_and_validates_with_the_steps(Backend backend)
    {
        var result = ModelCompiler.Compile(new[] { new SourceFile("shades.model", Model) }, CompilationOptions.Default with { Backend = backend });
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));

        var trainer = result.Sources.Single(s => s.HintName.EndsWith("ShadesTrainer.g.cs", StringComparison.Ordinal)).Text;

        Assert.Contains("    TestSplit = 0.2, // the last fraction of Train is the test data", trainer, StringComparison.Ordinal);
        Assert.Equal(2, trainer.Split("ValidationSteps = 3,").Length - 1); // both stages
        Assert.Equal(2, trainer.Split("ValidationSplit = 0.25,").Length - 1);
    }

    [Fact]
    public void Without_them_the_trainer_says_nothing_about_them()
    {
        var plain = Model.Replace("validation_steps: 3", string.Empty, StringComparison.Ordinal).Replace("test_split: 0.2", string.Empty, StringComparison.Ordinal);
        var result = ModelCompiler.Compile(new[] { new SourceFile("shades.model", plain) }, CompilationOptions.Default);
        var trainer = result.Sources.Single(s => s.HintName.EndsWith("ShadesTrainer.g.cs", StringComparison.Ordinal)).Text;

        Assert.DoesNotContain("TestSplit", trainer, StringComparison.Ordinal);
        Assert.DoesNotContain("ValidationSteps", trainer, StringComparison.Ordinal);
    }
}
