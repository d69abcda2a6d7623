using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using ModelDsl.Compiler;
using ModelDsl.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelDsl.Generators.Tests.Generator;

/// <summary>
/// Generated C# names are checked as a whole: every class of name that used to give a C# error in generated code, or
/// made a declaration silently disappear, is now an MD error at the declaration (naming both sides) or is escaped, and
/// the project always compiles without C# errors. Each case builds a real project with the Cpu runtime referenced.
/// </summary>
public sealed class GeneratedNameTests
{
    private static string Model(string name, string extra = "") => $"model {name} {{\n    input image: float[4]\n    dense(2){extra}\n}}\n";

    private static string Train(string model, string? alias = null) =>
        $"train {model}{(alias is null ? string.Empty : " as " + alias)} {{\n    loss: mse\n    optimizer: sgd(lr: 0.1)\n    epochs: 1\n    batch_size: 2\n}}\n";

    private static (System.Collections.Immutable.ImmutableArray<Diagnostic> Generator, Compilation Output) Build(string text)
    {
        var (generator, csharpErrors, output) = new ModelProject().WithModel("names.model", text).On(Backend.Cpu).Build();
        Assert.True(csharpErrors.Count == 0, "C# errors: " + string.Join("\n", csharpErrors));
        return (generator, output);
    }

    private static Diagnostic Single(System.Collections.Immutable.ImmutableArray<Diagnostic> diagnostics, string id)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var diagnostic = Assert.Single(errors);
        Assert.Equal(id, diagnostic.Id);
        return diagnostic;
    }

    private static bool HasType(Compilation output, string name) => output.GetTypeByMetadataName(name) is not null;

    [Fact]
    public void Names_that_PascalCase_to_one_type_are_MD2081_naming_both()
    {
        var (diagnostics, output) = Build(Model("MyNet") + Model("my_net"));
        var diagnostic = Single(diagnostics, "MD2081");
        Assert.Contains("model 'my_net' and model 'MyNet' (at /project/names.model(1,7))", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'App.MyNet'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(5, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.True(HasType(output, "App.MyNet"));
    }

    [Theory]
    [InlineData("Ab", "AB")]
    [InlineData("a_", "A")]
    public void Names_that_differ_only_in_case_are_MD2082(string first, string second)
    {
        var (diagnostics, output) = Build(Model(first) + Model(second));
        var diagnostic = Single(diagnostics, second == "A" ? "MD2081" : "MD2082");
        Assert.Contains($"model '{first}'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.True(HasType(output, "App." + char.ToUpperInvariant(first[0]) + first.Substring(1).TrimEnd('_')));
    }

    [Fact]
    public void A_model_named_like_a_trainer_is_MD2081_at_the_trainer()
    {
        var (diagnostics, output) = Build(Model("Foo") + Model("FooTrainer") + Train("Foo"));
        var diagnostic = Single(diagnostics, "MD2081");
        Assert.Contains("train 'Foo' and model 'FooTrainer'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.True(HasType(output, "App.FooTrainer"));
        Assert.True(HasType(output, "App.Foo"));
    }

    [Fact]
    public void Trainings_that_differ_only_in_case_are_MD2082()
    {
        var (diagnostics, output) = Build(Model("Foo") + Train("Foo", "fast") + Train("Foo", "Fast"));
        var diagnostic = Single(diagnostics, "MD2081");
        Assert.Contains("train 'Fast' and train 'fast'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.True(HasType(output, "App.FastTrainer"));
    }

    [Theory]
    [InlineData("Forward")]
    [InlineData("ForwardLogits")]
    [InlineData("Summary")]
    [InlineData("InputShape")]
    [InlineData("OutputShape")]
    [InlineData("TrainableParameters")]
    [InlineData("NonTrainableParameters")]
    [InlineData("Outputs")]
    [InlineData("forward")]
    [InlineData("summary")]
    public void A_model_named_like_a_generated_member_is_MD2083(string name)
    {
        var (diagnostics, _) = Build(Model(name) + Model("Other"));
        var diagnostic = Single(diagnostics, "MD2083");
        Assert.Contains($"model '{name}' becomes the C# class", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ModelDsl.Runtime")]
    [InlineData("ModelDsl.Runtime.Cpu.Tensor")]
    [InlineData("ModelDsl.Runtime.Data.Dataset")]
    [InlineData("TorchSharp")]
    public void A_namespace_inside_ours_is_MD2084(string @namespace)
    {
        var (diagnostics, _) = Build($"namespace {@namespace}\n" + Model("Net") + Train("Net"));
        var diagnostic = Single(diagnostics, "MD2084");
        Assert.Contains($"namespace '{@namespace}' is inside", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_named_like_a_record_member_is_renamed()
    {
        var text = "model Two {\n    input image: float[4]\n    let a = image |> dense(2)\n    output get_type = a |> dense(1)\n    output to_string = a |> dense(1)\n}\n";
        var (diagnostics, output) = Build(text);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var outputs = output.GetTypeByMetadataName("App.Two+Outputs");
        Assert.NotNull(outputs);
        Assert.NotEmpty(outputs!.GetMembers("GetType2"));
        Assert.NotEmpty(outputs.GetMembers("ToString2"));
    }

    [Theory]
    [InlineData("__arglist")]
    [InlineData("__makeref")]
    [InlineData("__reftype")]
    [InlineData("__refvalue")]
    public void Undocumented_csharp_keywords_as_names_are_escaped(string name)
    {
        // A layer alias is kept as written in the member's field and property names (ToIdentifier).
        var text = $"model Net {{\n    input image: float[4]\n    dense(2) as {name}\n    dense(1)\n}}\n";
        var (diagnostics, output) = Build(text);
        Assert.True(!diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error), string.Join("\n", diagnostics));
        Assert.True(HasType(output, "App.Net"));
    }

    [Theory]
    [InlineData(600)]
    [InlineData(100_000)]
    public void Over_long_names_are_MD1041_and_emit_nothing(int length)
    {
        var name = "M" + new string('m', length - 1);
        var (diagnostics, output) = Build(Model(name) + Train(name) + Model("Short"));
        var diagnostic = diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("MD1041", diagnostic.Id);
        Assert.All(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error), d => Assert.Equal("MD1041", d.Id));
        Assert.True(HasType(output, "App.Short"));
    }

    [Fact]
    public void An_over_long_namespace_part_is_MD1041()
    {
        var (diagnostics, _) = Build("namespace Acme." + new string('v', 600) + "\n" + Model("Net"));
        Assert.All(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error), d => Assert.Equal("MD1041", d.Id));
        Assert.NotEmpty(diagnostics);
    }

    [Fact]
    public void Long_hint_names_are_hashed_and_hint_names_are_unique_ignoring_case()
    {
        var longName = "N" + new string('n', 127);
        var text = $"namespace Acme.{new string('a', 120)}.{new string('b', 120)}\n" + Model(longName) + Train(longName) + Model("Short");
        var result = new ModelProject().WithModel("names.model", text).On(Backend.Cpu).RunGenerator();
        Assert.Null(result.Exception);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var hints = result.GeneratedSources.Select(source => source.HintName).ToList();
        Assert.Equal(3, hints.Count);
        Assert.All(hints, hint => Assert.True(hint.Length <= 101, hint));
        Assert.Equal(hints.Count, hints.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
