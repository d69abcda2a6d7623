using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelDsl.Compiler;
using ModelDsl.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelDsl.Generators.Tests.Caching;

/// <summary>
/// The generator must do no work for edits that cannot change its output (riok/mapperly's IncrementalGeneratorTest
/// pattern): run the driver, edit, run again, and read how each tracked step ran.
/// </summary>
public sealed class IncrementalGeneratorTests
{
    private static readonly IncrementalStepRunReason[] NoWork = { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };

    [Fact]
    public void Editing_an_unrelated_cs_file_does_no_work()
    {
        var project = new ModelProject().WithModel("mnist.model", TestModels.Mnist).WithModel("multi.model", TestModels.AgeAndGender);
        var texts = project.AdditionalTexts;
        var compilation = project.CreateCompilation();
        var driver = project.CreateDriver(texts, trackSteps: true).RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App; public sealed class Other { }", path: "/project/Other.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertStep(result, TrackingNames.ModelFileSet, IncrementalStepRunReason.Cached);
        AssertStep(result, TrackingNames.ReferencesTorchSharp, IncrementalStepRunReason.Unchanged);
        AssertStep(result, TrackingNames.CompilationOptions, IncrementalStepRunReason.Cached);
        AssertStep(result, TrackingNames.CheckedModels, IncrementalStepRunReason.Cached);
        AssertStep(result, TrackingNames.EmittedModel, IncrementalStepRunReason.Cached);
        AssertStep(result, TrackingNames.CompiledSources, IncrementalStepRunReason.Cached);
        AssertOutputsDidNoWork(result);
    }

    [Fact]
    public void Editing_one_model_file_leaves_the_other_models_output_unchanged()
    {
        var project = new ModelProject().WithModel("mnist.model", TestModels.Mnist).WithModel("multi.model", TestModels.AgeAndGender);
        var texts = project.AdditionalTexts;
        var compilation = project.CreateCompilation();
        var driver = project.CreateDriver(texts, trackSteps: true).RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single().GeneratedSources;

        var mnist = texts.Single(text => text.Path.EndsWith("mnist.model", StringComparison.Ordinal));
        var changed = new InMemoryAdditionalText(mnist.Path, TestModels.Mnist.Replace("dense(512", "dense(256"));
        var result = driver.ReplaceAdditionalText(mnist, changed).RunGenerators(compilation).GetRunResult().Results.Single();

        // Only the edited file is parsed again.
        var parsed = Outputs(result, TrackingNames.ParsedFiles);
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(parsed, output => ((ModelDsl.Compiler.Syntax.ParseResult)output.Value).Root.Span.FilePath.EndsWith("multi.model", StringComparison.Ordinal)).Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(parsed, output => ((ModelDsl.Compiler.Syntax.ParseResult)output.Value).Root.Span.FilePath.EndsWith("mnist.model", StringComparison.Ordinal)).Reason);

        // The other model is not even emitted again (its checked form is equal, so the step is Cached).
        var emitted = Outputs(result, TrackingNames.EmittedModel);
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(emitted, output => Text(output.Value).Contains("class AgeAndGender")).Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(emitted, output => Text(output.Value).Contains("class MnistDnn")).Reason);

        var outputs = Outputs(result, TrackingNames.GeneratedSource);
        Assert.All(outputs.Where(output => Text(output.Value).Contains("class AgeAndGender")), output => Assert.Contains(output.Reason, NoWork));
        Assert.Contains(outputs, output => Text(output.Value).Contains("class MnistDnn") && output.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(before.Length, result.GeneratedSources.Length);
    }

    [Fact]
    public void Whitespace_only_edit_regenerates_nothing()
    {
        var project = new ModelProject().WithModel("mnist.model", TestModels.Mnist);
        var texts = project.AdditionalTexts;
        var text = texts.Single();
        var compilation = project.CreateCompilation();
        var driver = project.CreateDriver(texts, trackSteps: true).RunGenerators(compilation);

        var padded = new InMemoryAdditionalText(text.Path, TestModels.Mnist.Replace("flatten()", "flatten()   ") + "\n\n   \n");
        var result = driver.ReplaceAdditionalText(text, padded).RunGenerators(compilation).GetRunResult().Results.Single();

        // Checked models carry no source positions, so checking again gives an equal value and nothing is emitted.
        AssertStep(result, TrackingNames.ModelFileSet, IncrementalStepRunReason.Modified);
        AssertStep(result, TrackingNames.CheckedModels, IncrementalStepRunReason.Unchanged);
        AssertStep(result, TrackingNames.EmittedModel, IncrementalStepRunReason.Cached);
        AssertOutputsDidNoWork(result);
    }

    [Fact]
    public void Changing_the_backend_property_regenerates()
    {
        var project = new ModelProject().WithModel("mnist.model", TestModels.Mnist).WithProperty("ModelDslBackend", "Cpu");
        var texts = project.AdditionalTexts;
        var compilation = project.CreateCompilation();
        var driver = project.CreateDriver(texts, trackSteps: true).RunGenerators(compilation);

        var torch = project.WithProperty("ModelDslBackend", "TorchSharp");
        var result = driver.WithUpdatedAnalyzerConfigOptions(torch.OptionsProvider).RunGenerators(compilation).GetRunResult().Results.Single();

        AssertStep(result, TrackingNames.CompilationOptions, IncrementalStepRunReason.Modified);
        AssertStep(result, TrackingNames.CheckedModels, IncrementalStepRunReason.Unchanged);
        AssertStep(result, TrackingNames.EmittedModel, IncrementalStepRunReason.Modified);
        AssertStep(result, TrackingNames.CompiledSources, IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Pipeline_values_hold_no_Roslyn_objects()
    {
        var project = new ModelProject().WithModel("mnist.model", TestModels.Mnist).WithModel("broken.model", TestModels.Unclosed);
        var result = project.CreateDriver(trackSteps: true).RunGenerators(project.CreateCompilation()).GetRunResult().Results.Single();
        var ours = typeof(TrackingNames).GetFields().Select(field => (string)field.GetRawConstantValue()!).ToHashSet();

        // The first step filters Roslyn's own AdditionalTexts; every step after it must hold plain values only.
        Assert.Equal(ours.Count, result.TrackedSteps.Keys.Count(ours.Contains));
        foreach (var (name, steps) in result.TrackedSteps.Where(pair => ours.Contains(pair.Key) && pair.Key != TrackingNames.ModelTexts))
        {
            foreach (var output in steps.SelectMany(step => step.Outputs))
            {
                AssertPlainValue(output.Value, name);
            }
        }
    }

    private static void AssertStep(GeneratorRunResult result, string name, IncrementalStepRunReason expected)
    {
        var outputs = Outputs(result, name);
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.True(output.Reason == expected, $"{name}: expected {expected}, was {output.Reason}"));
    }

    private static void AssertOutputsDidNoWork(GeneratorRunResult result)
    {
        var outputs = result.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(step => step.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Contains(output.Reason, NoWork));
    }

    private static string Text(object? value) => value switch
    {
        GeneratedSource source => source.Text,
        EquatableArray<GeneratedSource> sources => string.Concat(sources.Select(source => source.Text)),
        _ => string.Empty,
    };

    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string name) =>
        result.TrackedSteps[name].SelectMany(step => step.Outputs).ToList();

    private static void AssertPlainValue(object? value, string step, int depth = 0)
    {
        if (value is null || depth > 6 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Assert.False(
            value is Compilation or ISymbol or SyntaxNode or SyntaxTree or Location or AdditionalText or Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider,
            $"step {step} holds a {value.GetType().Name}");

        if (value is IEnumerable sequence)
        {
            foreach (var item in sequence)
            {
                AssertPlainValue(item, step, depth + 1);
            }

            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public).Where(property => property.GetIndexParameters().Length == 0))
        {
            AssertPlainValue(property.GetValue(value), step, depth + 1);
        }
    }
}
