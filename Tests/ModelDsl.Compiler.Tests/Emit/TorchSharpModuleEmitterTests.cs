using System.Linq;
using ModelDsl.Compiler.Emit;
using ModelDsl.Compiler.Emit.TorchSharp;
using ModelDsl.Compiler.Semantics;
using Xunit;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>Snapshots of the TorchSharp module for each language feature, each compiled against the TorchSharp API surface.</summary>
public sealed class TorchSharpModuleEmitterTests
{
    [Fact]
    public void Mnist_dnn() => VerifyAndCompile(SampleModels.MnistDnn());

    [Fact]
    public void Convnet_with_same_padding() => VerifyAndCompile(SampleModels.ConvNet());

    [Fact]
    public void Symbolic_input_sizes() => VerifyAndCompile(SampleModels.AnySize());

    [Fact]
    public void Multiple_inputs_and_as_names() => VerifyAndCompile(SampleModels.TwoInputs());

    [Fact]
    public void Multiple_outputs() => VerifyAndCompile(SampleModels.AgeAndGender());

    [Fact]
    public void Sections_blocks_groups_and_repeat() => VerifyAndCompile(SampleModels.MiniResNet());

    [Fact]
    public void All_models_compile_together_in_one_project()
    {
        var models = new[] { SampleModels.MnistDnn(), SampleModels.ConvNet(), SampleModels.AnySize(), SampleModels.TwoInputs(), SampleModels.AgeAndGender(), SampleModels.MiniResNet() };
        var sources = SourceEmitter.Emit(models, CompilationOptions.Default);
        Assert.Equal(models.Length, sources.Count);
        Assert.Equal(sources.Count, sources.Select(s => s.HintName).Distinct().Count());
        var diagnostics = GeneratedCodeCompiler.Compile(sources.Select(s => s.Text));
        Assert.True(diagnostics.Count == 0, GeneratedCodeCompiler.Describe(diagnostics));
    }

    [Fact]
    public void Output_is_deterministic()
    {
        Assert.Equal(TorchSharpProfile.Instance.EmitModel(SampleModels.MiniResNet()), TorchSharpProfile.Instance.EmitModel(SampleModels.MiniResNet()));
    }

    [Fact]
    public void Weight_names_follow_the_source()
    {
        var text = TorchSharpProfile.Instance.EmitModel(SampleModels.MiniResNet());
        Assert.Contains("register_module(\"learner\", learner);", text);
        Assert.Contains("register_module(\"residual_group_1\", residual_group_1);", text);
        Assert.Contains("register_module(\"bottleneck_0\", bottleneck_0);", text);
        Assert.Contains("register_module(\"conv2d_1\", conv2d_1);", text);
        Assert.DoesNotContain("RegisterComponents()", text);
    }

    [Fact]
    public void One_nested_class_per_distinct_instantiation()
    {
        var text = TorchSharpProfile.Instance.EmitModel(SampleModels.MiniResNet());

        // Two residual groups with different arguments: two classes named by their arguments; the bottleneck of each
        // group differs too (16 vs 32 filters); the sections are single.
        Assert.Contains("public sealed class ResidualGroup_16_2_1 :", text);
        Assert.Contains("public sealed class ResidualGroup_32_2_2 :", text);
        Assert.Contains("public sealed class StemSection :", text);
        Assert.Equal(2, CountOf(text, "public sealed class BottleneckBlock_"));
        Assert.Equal(1, CountOf(text, "public sealed class StemSection"));
    }

    [Fact]
    public void Same_padding_with_an_odd_total_pads_bottom_and_right_before_the_convolution()
    {
        var text = TorchSharpProfile.Instance.EmitModel(SampleModels.ConvNet());
        Assert.Contains("conv2d_1.call(global::TorchSharp.torch.nn.functional.pad(x, new long[] { 0, 1, 0, 1 }))", text);
        Assert.Contains("global::TorchSharp.torch.nn.Conv2d(32, 64, 3, 2, 0, 1, global::TorchSharp.PaddingModes.Zeros, 1, false)", text);
        Assert.Contains("global::TorchSharp.torch.nn.Conv2d(3, 32, 3, 1, 1)", text);
    }

    [Fact]
    public void Softmax_outputs_get_forward_logits_through_nested_sections()
    {
        var resnet = TorchSharpProfile.Instance.EmitModel(SampleModels.MiniResNet());
        Assert.Contains("var x = task.ForwardLogits(x);", resnet.Replace("x = task", "var x = task"));
        Assert.Contains("x = dense_0.call(x);", resnet);

        var multi = TorchSharpProfile.Instance.EmitModel(SampleModels.AgeAndGender());
        Assert.Contains("public Outputs ForwardLogits(global::TorchSharp.torch.Tensor measures)", multi);

        var logSoftmax = TorchSharpProfile.Instance.EmitModel(SampleModels.TwoInputs());
        Assert.DoesNotContain("ForwardLogits", logSoftmax);
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, string.Empty).Length) / value.Length;

    private static void VerifyAndCompile(CheckedModel model, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        var text = TorchSharpProfile.Instance.EmitModel(model);
        var diagnostics = GeneratedCodeCompiler.Compile(new[] { text });
        Snapshot.Verify(text, name);
        Assert.True(diagnostics.Count == 0, GeneratedCodeCompiler.Describe(diagnostics));
    }
}
