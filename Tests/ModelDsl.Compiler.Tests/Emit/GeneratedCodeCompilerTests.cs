using Xunit;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>The compile harness itself: it accepts idiomatic TorchSharp and rejects calls TorchSharp does not have.</summary>
public sealed class GeneratedCodeCompilerTests
{
    private const string HandWrittenModule = """
        #nullable enable
        namespace Sample;

        public sealed class Tiny : global::TorchSharp.torch.nn.Module<global::TorchSharp.torch.Tensor, global::TorchSharp.torch.Tensor>
        {
            private readonly global::TorchSharp.Modules.Linear dense_0;

            public Tiny() : base("Tiny")
            {
                dense_0 = global::TorchSharp.torch.nn.Linear(4, 2);
                register_module("dense_0", dense_0);
            }

            public override global::TorchSharp.torch.Tensor forward(global::TorchSharp.torch.Tensor input)
            {
                var x = dense_0.call(input);
                return global::TorchSharp.torch.nn.functional.softmax(x, 1);
            }
        }
        """;

    [Fact]
    public void Idiomatic_torchsharp_compiles_without_diagnostics()
    {
        var diagnostics = GeneratedCodeCompiler.Compile(new[] { HandWrittenModule });
        Assert.True(diagnostics.Count == 0, GeneratedCodeCompiler.Describe(diagnostics));
    }

    [Fact]
    public void A_member_missing_from_torchsharp_is_an_error()
    {
        var broken = HandWrittenModule.Replace("functional.softmax(x, 1)", "functional.softmax2(x, 1)");
        var diagnostics = GeneratedCodeCompiler.Compile(new[] { broken });
        Assert.Contains(diagnostics, d => d.Id == "CS0117");
    }

    [Fact]
    public void Warnings_are_reported()
    {
        var warning = HandWrittenModule.Replace("var x = dense_0.call(input);", "var x = dense_0.call(input); int unused = 0;");
        var diagnostics = GeneratedCodeCompiler.Compile(new[] { warning });
        Assert.Contains(diagnostics, d => d.Id == "CS0219");
    }
}
