using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Xunit;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>
/// The whole pipeline from <c>.model</c> text: <see cref="ModelCompiler"/> with the TorchSharp backend emits one file per
/// model; each is snapshot-tested and all are compiled together against the TorchSharp API surface.
/// </summary>
public sealed class ModelSourceEmitTests
{
    [Theory]
    [InlineData("mnist.model")]
    [InlineData("convnet.model")]
    [InlineData("anysize.model")]
    [InlineData("multi.model")]
    [InlineData("resnet50.model", "resnet_blocks.model")]
    public void Model_files_emit_compiling_torchsharp(string main, params string[] imports)
    {
        var result = Compile(main, imports);
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Equal(result.Models.Count, result.Sources.Count);
        Assert.NotEmpty(result.Sources);

        foreach (var source in result.Sources)
        {
            Snapshot.Verify(source.Text, Path.GetFileNameWithoutExtension(source.HintName).Replace(".g", string.Empty, StringComparison.Ordinal));
        }

        var diagnostics = GeneratedCodeCompiler.Compile(result.Sources.Select(s => s.Text));
        Assert.True(diagnostics.Count == 0, GeneratedCodeCompiler.Describe(diagnostics));
    }

    [Fact]
    public void Resnet50_weight_names_follow_the_source()
    {
        var text = Compile("resnet50.model", "resnet_blocks.model").Sources.Single().Text;

        // learner.residual_group_1.bottleneck_0.conv2d_1.weight: each segment is registered under its source name.
        Assert.Contains("register_module(\"learner\", learner);", text);
        Assert.Contains("register_module(\"residual_group_1\", residual_group_1);", text);
        Assert.Contains("register_module(\"bottleneck_0\", bottleneck_0);", text);
        Assert.Contains("register_module(\"conv2d_1\", conv2d_1);", text);
        Assert.Contains("public const long TrainableParameters = 25583592;", text);
        Assert.Contains("\"Total params: 25,636,712\\n\"", text);
    }

    [Fact]
    public void Emit_false_produces_no_sources()
    {
        var file = ReadModel("mnist.model");
        var result = ModelCompiler.Compile(new[] { file }, CompilationOptions.Default with { Emit = false });
        Assert.Single(result.Models);
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void A_model_with_an_error_emits_nothing_while_the_others_still_do()
    {
        var text = "model Good { input a: float[4]  dense(2) }\nmodel Bad { input a: float[3, 8, 8]  dense(2) }\n";
        var result = ModelCompiler.Compile(new[] { new SourceFile("Models/mixed.model", text) }, CompilationOptions.Default);
        Assert.True(result.HasErrors);
        var source = Assert.Single(result.Sources);
        Assert.Contains("public sealed partial class Good :", source.Text);
    }

    private static CompilationResult Compile(string main, params string[] imports)
    {
        var files = new[] { main }.Concat(imports).Select(name => ReadModel(name)).ToArray();
        return ModelCompiler.Compile(files, CompilationOptions.Default);
    }

    private static SourceFile ReadModel(string name, [CallerFilePath] string testFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(testFile)!, "Models", name);
        return new SourceFile(path, File.ReadAllText(path));
    }
}
