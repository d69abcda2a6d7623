using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using ModelDsl.Compiler;
using ModelDsl.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelDsl.Generators.Tests.Generator;

public sealed class ModelDslGeneratorTests
{
    [Fact]
    public void Valid_file_generates_a_source_for_its_model()
    {
        var result = new ModelProject().WithModel("mnist.model", TestModels.Mnist).RunGenerator();

        Assert.Null(result.Exception);
        var source = Assert.Single(result.GeneratedSources, generated => generated.SourceText.ToString().Contains("class MnistDnn", StringComparison.Ordinal));
        Assert.EndsWith(".cs", source.HintName, StringComparison.Ordinal);
        Assert.Contains("namespace App", source.SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Train_declaration_generates_a_trainer_beside_its_model()
    {
        var result = new ModelProject().WithModel("mnist.model", TestModels.Mnist + "\n" + TestModels.MnistTraining).RunGenerator();

        Assert.Null(result.Exception);
        Assert.Equal(new[] { "App.MnistDnn.g.cs", "App.MnistDnnTrainer.g.cs" }, result.GeneratedSources.Select(source => source.HintName).OrderBy(name => name, StringComparer.Ordinal));
        Assert.Contains("class MnistDnnTrainer", result.GeneratedSources.Single(source => source.HintName == "App.MnistDnnTrainer.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Files_that_are_not_model_files_are_ignored()
    {
        var project = new ModelProject().WithModel("notes.txt", TestModels.Mnist).WithModel("mnist.model.bak", TestModels.Mnist);

        Assert.Empty(project.RunGenerator().GeneratedSources);
    }

    [Fact]
    public void Declarations_from_several_files_each_generate()
    {
        var result = new ModelProject()
            .WithModel("mnist.model", TestModels.Mnist)
            .WithModel("multi.model", TestModels.AgeAndGender)
            .RunGenerator();

        Assert.Null(result.Exception);
        Assert.Contains(result.GeneratedSources, source => source.SourceText.ToString().Contains("class MnistDnn", StringComparison.Ordinal));
        Assert.Contains(result.GeneratedSources, source => source.SourceText.ToString().Contains("class AgeAndGender", StringComparison.Ordinal));
        Assert.Equal(result.GeneratedSources.Length, result.GeneratedSources.Select(source => source.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Erroneous_declaration_generates_only_a_stand_in_but_its_valid_neighbour_is_real()
    {
        var result = new ModelProject()
            .WithModel("broken.model", TestModels.Unclosed)
            .WithModel("mnist.model", TestModels.Mnist)
            .RunGenerator();

        Assert.Null(result.Exception);
        var standIn = Assert.Single(result.GeneratedSources, source => source.SourceText.ToString().Contains("class Unclosed", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("was not generated because broken.model has errors", standIn, StringComparison.Ordinal);
        Assert.DoesNotContain("register_module", standIn, StringComparison.Ordinal);
        Assert.Contains(result.GeneratedSources, source => source.SourceText.ToString().Contains("class MnistDnn", StringComparison.Ordinal) && source.SourceText.ToString().Contains("register_module", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("}}}}{{{{")]
    [InlineData("model")]
    [InlineData("model {")]
    [InlineData("model M { input x: float[")]
    [InlineData("\"unterminated")]
    [InlineData("/* never closed")]
    [InlineData("import \"missing.model\"\nmodel M { input x: float[3] dense(2) }")]
    [InlineData("model M { input x: float[3] repeat 99999999999999999999 { dense(2) } }")]
    [InlineData("model class { input x: float[3] dense(2) }")]
    [InlineData("model M { input x: float[3] dense(2) }\nmodel M { input x: float[3] dense(2) }")]
    public void Garbage_never_makes_the_generator_throw_nor_the_csharp_fail(string text)
    {
        var project = new ModelProject().On(Backend.Cpu).WithModel("garbage.model", text);

        var result = project.RunGenerator();
        var (_, csharpErrors, _) = project.Build();

        Assert.Null(result.Exception);
        Assert.All(result.Diagnostics, diagnostic => Assert.StartsWith("MD", diagnostic.Id, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, diagnostic => diagnostic.Id == "MD9001");
        Assert.True(csharpErrors.Count == 0, string.Join(Environment.NewLine, csharpErrors.Take(10)));
    }

    [Fact]
    public void Random_bytes_never_make_the_generator_throw()
    {
        var random = new Random(1234);
        for (var i = 0; i < 20; i++)
        {
            var builder = new StringBuilder();
            var length = random.Next(1, 400);
            for (var j = 0; j < length; j++)
            {
                builder.Append(random.Next(4) == 0 ? "model M { input x: float[3] dense(2) }({[,:|>"[random.Next(38)] : (char)random.Next(1, 0x3000));
            }

            var result = new ModelProject().WithModel("random.model", builder.ToString()).RunGenerator();

            Assert.Null(result.Exception);
        }
    }

    [Fact]
    public void Unreadable_file_is_skipped()
    {
        var project = new ModelProject();
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(
            new[] { new ModelDslGenerator().AsSourceGenerator() },
            new Microsoft.CodeAnalysis.AdditionalText[] { new InMemoryAdditionalText("/project/gone.model", null) },
            optionsProvider: project.OptionsProvider);

        var result = driver.RunGenerators(project.CreateCompilation()).GetRunResult().Results.Single();

        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratedSources);
    }
}
