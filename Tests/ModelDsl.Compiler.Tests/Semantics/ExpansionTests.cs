using System.Linq;
using ModelDsl.Compiler.Semantics;
using Xunit;

namespace ModelDsl.Compiler.Tests.Semantics;

/// <summary>Focused checks of binding, expansion, naming and the SSA dataflow that emitters rely on.</summary>
public sealed class ExpansionTests
{
    [Fact]
    public void Steps_are_ssa_and_name_lets_and_outputs()
    {
        var model = Check("""
            model M {
                input x1: float[4]
                dense(4)
                let x2 = x |> dense(4)
                add(x2)
                output y = x |> dense(2)
            }
            """);
        var steps = model.Root.Steps;
        var results = steps.Select(s => s.Result).ToList();
        Assert.Equal(results.Count, results.Distinct().Count());
        Assert.DoesNotContain("x1", results);
        Assert.Contains("x2", results);
        Assert.Equal("y", steps[steps.Count - 1].Result);
        var add = steps.Single(s => s.Member == "add_0");
        Assert.Equal(2, add.Inputs.Count);
        Assert.Equal("x2", add.Inputs[1]);
        Assert.Equal("y", model.Outputs.Single().Name);
        Assert.Equal("y", model.Outputs.Single().Value);
    }

    [Fact]
    public void Lets_in_a_repeat_are_rebound_with_fresh_value_names()
    {
        var model = Check("""
            block res(units: int) { dense(units) }
            model M {
                input features: float[8]
                repeat 3 {
                    let skip = x
                    dense(8)
                    add(skip)
                }
            }
            """);
        var aliases = model.Root.Steps.Where(s => s.Kind == StepKind.Alias).Select(s => s.Result).ToList();
        Assert.Equal(new[] { "skip", "skip_2", "skip_3" }, aliases);
        Assert.Equal(new[] { "dense_0", "add_0", "dense_1", "add_1", "dense_2", "add_2" }, model.Root.Members.Select(m => m.Name));
    }

    [Fact]
    public void Arguments_bind_positionally_then_by_name_with_defaults_from_earlier_parameters()
    {
        var model = Check("""
            block widen(filters: int, width: int = filters * 2, act: activation = relu) {
                conv2d(width, kernel: 1, activation: act)
            }
            model M {
                input image: float[3, 8, 8]
                widen(4, act: gelu) as first
                widen(filters: 3, width: ceil(7 / 2))
            }
            """);
        var first = Assert.IsType<CheckedModule>(model.FindMember("first"));
        Assert.Equal("filters: 4, width: 8, act: gelu", string.Join(", ", first.Definition.Arguments));
        Assert.Equal(ParameterType.Activation, first.Definition.Arguments[2].Type);
        var conv = Assert.IsType<Conv2dArguments>(((CheckedLayer)model.FindMember("first.conv2d_0")!).Arguments);
        Assert.Equal(ActivationFunction.Gelu, conv.Activation?.Function);
        var second = Assert.IsType<CheckedModule>(model.FindMember("widen_0"));
        Assert.Equal(new IntValue(4), second.Definition.Arguments[1].Value);
        Assert.Equal("[N, 4, 8, 8]", model.Outputs[0].Shape.ToString());
    }

    [Fact]
    public void Same_padding_on_a_symbolic_size_with_stride_is_left_to_run_time()
    {
        var model = Check("""
            model M {
                input image: float[3, H, 32]
                conv2d(8, kernel: 3, stride: 2, padding: same)
                conv2d(8, kernel: 5, padding: same)
            }
            """);
        var strided = (Conv2dArguments)((CheckedLayer)model.Root.Members[0]).Arguments;
        Assert.Null(strided.Padding.Amount);
        Assert.Equal("[N, 8, ceil(H/2), 16]", ((CheckedLayer)model.Root.Members[0]).Output.ToString());
        var unit = (Conv2dArguments)((CheckedLayer)model.Root.Members[1]).Arguments;
        Assert.Equal(new Padding4(2, 2, 2, 2), unit.Padding.Amount);
    }

    [Fact]
    public void Even_kernel_same_padding_puts_the_extra_at_bottom_right()
    {
        var model = Check("""
            model M {
                input image: float[1, 10, 10]
                conv2d(1, kernel: 4, padding: same)
                zeropad2d((1, 2, 3, 4))
                maxpool2d(3, padding: same)
            }
            """);
        var conv = (Conv2dArguments)((CheckedLayer)model.Root.Members[0]).Arguments;
        Assert.Equal(new Padding4(1, 2, 1, 2), conv.Padding.Amount);
        Assert.Equal("[N, 1, 13, 17]", ((CheckedLayer)model.Root.Members[1]).Output.ToString());
        var pool = (CheckedLayer)model.Root.Members[2];
        Assert.Equal("[N, 1, 5, 6]", pool.Output.ToString());
        Assert.Equal(new Size2(3, 3), ((Pool2dArguments)pool.Arguments).Stride);
    }

    [Fact]
    public void An_error_blocks_only_its_declaration()
    {
        var result = Compile("""
            model Bad { input a: float[4]  conv2d(3, kernel: 1) }
            model Good { input a: float[4]  dense(2) }
            """);
        Assert.Equal("Good", Assert.Single(result.Models).Name);
        Assert.Single(result.Diagnostics, d => d.Id == "MD3002");
    }

    [Fact]
    public void Namespace_defaults_to_the_option()
    {
        var result = ModelCompiler.Compile(
            new[] { new SourceFile("m.model", "model M { input a: float[4]  dense(2) }") },
            new CompilationOptions(Backend.Cpu, "My.Project", Emit: false),
            default);
        Assert.Equal("My.Project", Assert.Single(result.Models).Namespace);
        Assert.True(result.Sources.IsEmpty);
    }

    [Fact]
    public void Final_activation_follows_aliases_and_blocks()
    {
        var model = Check("""
            block head(n: int) { dense(n)  sigmoid() }
            model M {
                input a: float[4]
                output p = a |> head(1)
                output q = a |> dense(3, activation: log_softmax)
                output r = a |> dense(2)
            }
            """);
        Assert.Equal(ActivationFunction.Sigmoid, model.Outputs[0].FinalActivation?.Function);
        Assert.Equal(ActivationFunction.LogSoftmax, model.Outputs[1].FinalActivation?.Function);
        Assert.Null(model.Outputs[2].FinalActivation);
    }

    private static CompilationResult Compile(string text) =>
        ModelCompiler.Compile(new[] { new SourceFile("main.model", text) }, CompilationOptions.Default with { Emit = false }, default);

    private static CheckedModel Check(string text)
    {
        var result = Compile(text);
        Assert.True(!result.HasErrors, string.Join("\n", result.Diagnostics));
        return Assert.Single(result.Models);
    }
}
