using System.IO;
using System.Linq;
using ModelDsl.Compiler.Semantics;
using Xunit;

namespace ModelDsl.Compiler.Tests.Semantics;

/// <summary>The reference architectures report exactly the parameter counts and shapes of Keras/PyTorch.</summary>
public sealed class ReferenceModelTests
{
    [Theory]
    [InlineData("house_price", 261, 0)]
    [InlineData("mnist_dnn", 669_706, 0)]
    [InlineData("sign_language_cnn", 8_402_618, 0)]
    [InlineData("mnist_convnet", 93_322, 0)]
    [InlineData("resnet50", 25_583_592, 53_120)]
    public void Parameter_counts_match_keras(string name, long trainable, long nonTrainable)
    {
        var model = Single(name);
        Assert.Equal(trainable, model.Parameters.Trainable);
        Assert.Equal(nonTrainable, model.Parameters.NonTrainable);
    }

    [Fact]
    public void ResNet50_summary_ends_with_the_keras_totals()
    {
        var model = Single("resnet50");
        var lines = model.Summary.TrimEnd('\n').Split('\n');
        Assert.Equal(
            new[] { "Total params: 25,636,712", "Trainable params: 25,583,592", "Non-trainable params: 53,120" },
            lines.Skip(lines.Length - 3));
        Assert.Equal("[N, 1000]", model.Outputs[0].Shape.ToString());
        Assert.Equal("Acme.Vision", model.Namespace);
        Assert.Equal(ActivationFunction.Softmax, model.Outputs[0].FinalActivation?.Function);
    }

    [Fact]
    public void ResNet50_weight_paths_follow_the_source()
    {
        var model = Single("resnet50");
        var paths = model.Walk().Select(m => m.Path).ToList();
        Assert.Contains("learner.residual_group_1.bottleneck_0.conv2d_1", paths);
        Assert.Contains("learner.residual_group_0.projection_0.conv2d_0", paths);
        Assert.Contains("stem.zeropad2d_1", paths);
        Assert.Contains("task.dense_0", paths);
        var conv = Assert.IsType<CheckedLayer>(model.FindMember("learner.residual_group_1.bottleneck_0.conv2d_1"));
        var arguments = Assert.IsType<Conv2dArguments>(conv.Arguments);
        Assert.Equal(new Padding2d(PaddingMode.Same, new Padding4(1, 1, 1, 1)), arguments.Padding);
        Assert.Equal("[N, 128, 28, 28]", conv.Output.ToString());
    }

    [Fact]
    public void Equal_instantiations_have_equal_definitions()
    {
        var model = Single("resnet50");
        var group = Assert.IsType<CheckedModule>(model.FindMember("learner.residual_group_1"));
        var blocks = group.Definition.Members.OfType<CheckedModule>().ToList();
        Assert.Equal(4, blocks.Count);
        Assert.Equal(blocks[1].Definition, blocks[2].Definition);
        Assert.Equal(blocks[1].Definition.GetHashCode(), blocks[3].Definition.GetHashCode());
        Assert.NotEqual(blocks[0].Definition, blocks[1].Definition);
        Assert.Equal("projection", blocks[0].Definition.Declaration);
        Assert.Equal("stride: 2", blocks[0].Definition.Arguments[1].ToString());
    }

    [Fact]
    public void Sign_language_shapes()
    {
        var shapes = Single("sign_language_cnn").Layers().Select(l => ((CheckedLayer)l.Member).Output.ToExampleString());
        Assert.Equal(new[] { "[16, 64, 64]", "[16, 32, 32]", "[16384]", "[512]", "[26]" }, shapes);
    }

    [Fact]
    public void Mnist_convnet_shapes()
    {
        var shapes = Single("mnist_convnet").Layers().Select(l => ((CheckedLayer)l.Member).Output.ToExampleString());
        Assert.Equal(new[] { "[32, 26, 26]", "[32, 13, 13]", "[64, 11, 11]", "[64, 5, 5]", "[64, 3, 3]", "[576]", "[64]", "[10]" }, shapes);
    }

    [Fact]
    public void Whitespace_edits_leave_the_checked_model_equal()
    {
        var folder = Path.Combine(TestPaths.Baselines, "resnet50");
        var files = BaselineTests.LoadCase(folder);
        var spaced = files.Select(f => f with { Text = "\n\n// a comment\n" + f.Text.Replace("  ", "   ") }).ToList();
        var a = ModelCompiler.Compile(files, CompilationOptions.Default, default);
        var b = ModelCompiler.Compile(spaced, CompilationOptions.Default, default);
        Assert.Equal(a.Models, b.Models);
    }

    internal static CheckedModel Single(string name)
    {
        var result = ModelCompiler.Compile(BaselineTests.LoadCase(Path.Combine(TestPaths.Baselines, name)), CompilationOptions.Default, default);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        return Assert.Single(result.Models);
    }
}
