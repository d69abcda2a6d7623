using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using ModelDsl.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelDsl.Generators.Tests.Generator;

/// <summary>The generator's output, added to a compilation that references the Cpu runtime, compiles cleanly.</summary>
public sealed class GeneratedCodeCompilesTests
{
    [Fact]
    public void Cpu_backend_output_compiles_against_the_runtime()
    {
        var runtime = new[] { "ModelDsl.Runtime.Cpu.dll", "ModelDsl.Runtime.dll", "ModelDsl.Runtime.Cpu.Training.dll" }
            .Select(name => (MetadataReference)MetadataReference.CreateFromFile(Path.Combine(AppContext.BaseDirectory, name)))
            .ToImmutableArray();
        var project = new ModelProject
        {
            ExtraReferences = runtime,
        }
            .WithProperty("ModelDslBackend", "Cpu")
            .WithModel("mnist.model", TestModels.Mnist + "\n" + TestModels.MnistTraining)
            .WithModel("multi.model", TestModels.AgeAndGender)
            .WithModel("resnet_blocks.model", TestModels.ResNetBlocks)
            .WithModel("resnet50.model", TestModels.ResNet50)
            .WithCSharp("Use.cs", "namespace App; public static class Use { public static long Total => MnistDnn.TrainableParameters + ResNet50.TrainableParameters; public static string Trainer => nameof(MnistDnnTrainer); }");

        project.CreateDriver().RunGeneratorsAndUpdateCompilation(project.CreateCompilation(), out var output, out var generatorDiagnostics);

        Assert.DoesNotContain(generatorDiagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
        Assert.True(output.SyntaxTrees.Count() >= 6, "expected a generated file per model and trainer");
        var errors = output.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Take(20)));
    }
}
