using System;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using Xunit;
using static ModelDsl.Compiler.Tests.Training.TrainingTestHost;

namespace ModelDsl.Compiler.Tests.Training;

/// <summary><c>test_split</c> (data block) and <c>validation_steps</c> (train block): values, diagnostics and their locations.</summary>
public sealed class DataSplitCheckTests
{
    private const string Idx = "train: idx(images: \"i\", labels: \"l\")";

    private static string Train(string settings, string data) =>
        "train MnistDnn {\n" +
        "    loss: sparse_categorical_crossentropy\n" +
        "    optimizer: adam(lr: 0.001)\n" +
        $"    {settings}\n" +
        $"    data {{ {data} }}\n" +
        "}\n";

    [Fact]
    public void Test_split_and_validation_steps_reach_the_checked_training()
    {
        var training = CheckValid(Train("validation_split: 0.25\n    validation_steps: 5", $"{Idx}  test_split: 0.2"), TestModels.MnistDnn());

        Assert.Equal(0.2, training.Data!.TestSplit);
        Assert.Equal(5, training.ValidationSteps);
        Assert.Equal(0.25, training.ValidationSplit);
        Assert.Null(training.Data.Test);
    }

    [Fact]
    public void Without_them_nothing_is_split_and_every_validation_batch_counts()
    {
        var training = CheckValid(Train("epochs: 1", Idx), TestModels.MnistDnn());

        Assert.Equal(0, training.Data!.TestSplit);
        Assert.Null(training.ValidationSteps);
    }

    [Theory]
    [InlineData("0", "found 0")]
    [InlineData("1", "found 1")]
    [InlineData("1.5", "found 1.5")]
    [InlineData("-0.2", "found -0.2")]
    [InlineData("20", "found 20; 0.2 holds out the last 20% of the training data as the test data")]
    [InlineData("\"0.2\"", "found the string \"0.2\"")]
    public void A_test_split_outside_zero_to_one_is_MD4034_at_the_value(string value, string messagePart)
    {
        var source = Train("epochs: 1", $"{Idx}  test_split: {value}");

        var diagnostic = Expect("MD4034", source, TestModels.MnistDnn());

        Assert.Contains("test_split expects a fraction 0 < v < 1 but " + messagePart, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(value, TextAt(source, diagnostic.Span));
        Assert.Equal(5, diagnostic.Span.Line);
        Assert.True(diagnostic.IsError);
    }

    [Fact]
    public void A_test_split_with_a_test_source_is_MD4035_at_test_split()
    {
        var source = Train("epochs: 1", $"{Idx}  test: idx(images: \"ti\", labels: \"tl\")  test_split: 0.2");

        var diagnostic = Expect("MD4035", source, TestModels.MnistDnn());

        Assert.Equal("test_split", TextAt(source, diagnostic.Span));
        Assert.Equal(5, diagnostic.Span.Line);
        Assert.Contains("data.test is also given; remove test_split or the test source", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_split_without_a_train_source_is_MD4036_at_test_split()
    {
        var source = Train("epochs: 1", "normalize: scale(255)\n        test_split: 0.2");

        var diagnostic = Expect("MD4036", source, TestModels.MnistDnn());

        Assert.Equal("test_split", TextAt(source, diagnostic.Span));
        Assert.Equal(6, diagnostic.Span.Line);
        Assert.Contains("this data block has no train source; add 'train: …' or remove test_split", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("2.5")]
    [InlineData("true")]
    public void Validation_steps_that_is_not_a_whole_number_from_one_is_MD4037_at_the_value(string value)
    {
        var source = Train($"validation_split: 0.1\n    validation_steps: {value}", Idx);

        var diagnostic = Expect("MD4037", source, TestModels.MnistDnn());

        Assert.Equal(value, TextAt(source, diagnostic.Span));
        Assert.Equal(5, diagnostic.Span.Line);
        Assert.StartsWith($"validation_steps expects a whole number ≥ 1 but found {value}", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_steps_describes_the_whole_run_not_a_stage()
    {
        var source = Train("stage head { epochs: 1, validation_steps: 3 }", Idx);

        var diagnostic = Expect("MD4015", source, TestModels.MnistDnn());

        Assert.Contains("'validation_steps' describes the whole training", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Misspelt_names_get_a_did_you_mean()
    {
        Assert.Contains("did you mean 'test_split'", Expect("MD2117", Train("epochs: 1", $"{Idx}  test_splt: 0.2"), TestModels.MnistDnn()).Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'validation_steps'", Expect("MD2107", Train("validation_step: 2", Idx), TestModels.MnistDnn()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_new_ids_are_errors_in_the_reserved_range()
    {
        var ids = new[] { DiagnosticCatalog.MD4034, DiagnosticCatalog.MD4035, DiagnosticCatalog.MD4036, DiagnosticCatalog.MD4037 };
        Assert.Equal(new[] { "MD4034", "MD4035", "MD4036", "MD4037" }, ids.Select(d => d.Id));
        Assert.All(ids, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }
}
