using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelDsl.Compiler;
using ModelDsl.Generators.Pipeline;
using ModelDsl.Generators.Tests.Infrastructure;
using CompilationOptions = ModelDsl.Compiler.CompilationOptions;
using Xunit;

namespace ModelDsl.Generators.Tests.Generator;

public sealed class CompilationOptionsTests
{
    [Theory]
    [InlineData("Cpu", false, Backend.Cpu)]
    [InlineData("cpu", true, Backend.Cpu)]
    [InlineData("TorchSharp", false, Backend.TorchSharp)]
    [InlineData("torchsharp", false, Backend.TorchSharp)]
    [InlineData(null, true, Backend.TorchSharp)]
    [InlineData(null, false, Backend.Cpu)]
    [InlineData("Gpu", false, Backend.Cpu)]
    [InlineData("Gpu", true, Backend.TorchSharp)]
    public void Backend_property_wins_else_a_TorchSharp_reference_decides(string? property, bool referencesTorchSharp, Backend expected)
    {
        Assert.Equal(expected, CompilationOptionsFactory.SelectBackend(property, referencesTorchSharp));
    }

    [Fact]
    public void Root_namespace_becomes_the_default_namespace()
    {
        var options = CompilationOptionsFactory.Create(new BuildProperties(null, "Acme.Vision"), referencesTorchSharp: false);

        Assert.Equal(new CompilationOptions(Backend.Cpu, "Acme.Vision", true), options);
    }

    [Fact]
    public void Missing_root_namespace_falls_back()
    {
        var options = CompilationOptionsFactory.Create(new BuildProperties(null, null), referencesTorchSharp: false);

        Assert.Equal(CompilationOptionsFactory.FallbackNamespace, options.DefaultNamespace);
    }

    [Fact]
    public void Reads_build_properties_and_treats_empty_as_unset()
    {
        var provider = new InMemoryAnalyzerConfigOptionsProvider(ImmutableDictionary<string, string>.Empty
            .Add("build_property.ModelDslBackend", "")
            .Add("build_property.RootNamespace", " Acme "));

        Assert.Equal(new BuildProperties(null, "Acme"), BuildPropertiesReader.Read(provider.GlobalOptions));
    }

    [Fact]
    public void Detects_a_referenced_assembly_named_TorchSharp()
    {
        var project = new ModelProject();
        Assert.False(CompilationOptionsFactory.ReferencesTorchSharp(project.CreateCompilation()));

        var withTorch = project with { ExtraReferences = ImmutableArray.Create(FakeAssembly("TorchSharp")) };
        Assert.True(CompilationOptionsFactory.ReferencesTorchSharp(withTorch.CreateCompilation()));
    }

    [Fact]
    public void Generated_code_uses_the_root_namespace()
    {
        var result = new ModelProject().WithModel("mnist.model", TestModels.Mnist).WithProperty("RootNamespace", "Acme.Vision").RunGenerator();

        Assert.Contains(result.GeneratedSources, source => source.SourceText.ToString().Contains("namespace Acme.Vision", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_TorchSharp_reference_selects_the_TorchSharp_backend_unless_the_property_says_otherwise()
    {
        var torch = new ModelProject()
            .WithModel("mnist.model", TestModels.Mnist)
            .WithProperty("ModelDslBackend", null) with { ExtraReferences = ImmutableArray.Create(FakeAssembly("TorchSharp")) };

        var detected = torch.RunGenerator();
        var overridden = torch.WithProperty("ModelDslBackend", "Cpu").RunGenerator();

        Assert.Contains(detected.GeneratedSources, source => source.SourceText.ToString().Contains("TorchSharp", System.StringComparison.Ordinal));
        Assert.DoesNotContain(overridden.GeneratedSources, source => source.SourceText.ToString().Contains("TorchSharp", System.StringComparison.Ordinal));
    }

    internal static MetadataReference FakeAssembly(string name)
    {
        var compilation = CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText("namespace " + name + " { public static class Marker { } }") },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success);
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
