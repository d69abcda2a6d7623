using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelDsl.Compiler;

namespace ModelDsl.Generators.Tests.Infrastructure;

/// <summary>
/// A project in memory: C# files, <c>.model</c> files and build properties, with helpers to run the generator
/// (through <see cref="CSharpGeneratorDriver"/>) and to compile its output.
/// </summary>
public sealed record ModelProject
{
    public const string Root = "/project/";

    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is { } name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    public ImmutableDictionary<string, string> ModelFiles { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableDictionary<string, string> CSharpFiles { get; init; } =
        ImmutableDictionary<string, string>.Empty.Add("Program.cs", "namespace App; public static class Program { public static void Main() { } }");

    // TorchSharp: its emitter landed first; the driver tests do not compile the generated code, so no TorchSharp is needed.
    public ImmutableDictionary<string, string> BuildProperties { get; init; } =
        ImmutableDictionary<string, string>.Empty.Add("build_property.RootNamespace", "App").Add("build_property.ModelDslBackend", "TorchSharp");

    public ImmutableArray<MetadataReference> ExtraReferences { get; init; } = ImmutableArray<MetadataReference>.Empty;

    /// <summary>A library by default; an executable for top-level statements.</summary>
    public OutputKind Kind { get; init; } = OutputKind.DynamicallyLinkedLibrary;

    public static string PathOf(string name) => Root + name;

    public ModelProject WithModel(string name, string text) => this with { ModelFiles = ModelFiles.SetItem(name, text) };

    public ModelProject WithCSharp(string name, string text) => this with { CSharpFiles = CSharpFiles.SetItem(name, text) };

    public ModelProject WithProperty(string name, string? value) => this with
    {
        BuildProperties = value is null ? BuildProperties.Remove("build_property." + name) : BuildProperties.SetItem("build_property." + name, value),
    };

    public ImmutableArray<AdditionalText> AdditionalTexts =>
        ModelFiles.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => (AdditionalText)new InMemoryAdditionalText(PathOf(pair.Key), pair.Value))
            .ToImmutableArray();

    public AnalyzerConfigOptionsProvider OptionsProvider => new InMemoryAnalyzerConfigOptionsProvider(BuildProperties);

    public CSharpCompilation CreateCompilation() =>
        CSharpCompilation.Create(
            "App",
            CSharpFiles.OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => CSharpSyntaxTree.ParseText(pair.Value, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), PathOf(pair.Key))),
            FrameworkReferences.Value.AddRange(ExtraReferences),
            new CSharpCompilationOptions(Kind, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A driver holding this project's additional files and options; run it against <see cref="CreateCompilation"/>.</summary>
    public GeneratorDriver CreateDriver(ImmutableArray<AdditionalText>? texts = null, bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            new[] { new ModelDslGenerator().AsSourceGenerator() },
            texts ?? AdditionalTexts,
            CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest),
            OptionsProvider,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public GeneratorRunResult RunGenerator()
    {
        var driver = CreateDriver().RunGenerators(CreateCompilation());
        return driver.GetRunResult().Results.Single();
    }

    /// <summary>Runs the generator and compiles the project with its output: the generator's diagnostics and the C# errors.</summary>
    public (ImmutableArray<Diagnostic> Generator, IReadOnlyList<Diagnostic> CSharpErrors, Compilation Output) Build()
    {
        CreateDriver().RunGeneratorsAndUpdateCompilation(CreateCompilation(), out var output, out var generatorDiagnostics);
        var errors = output.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        return (generatorDiagnostics, errors, output);
    }

    /// <summary>The runtime assemblies beside the tests, for compiling generated code: the Cpu engine and ModelDsl.Runtime,
    /// or TorchSharp and ModelDsl.Runtime.</summary>
    public static ImmutableArray<MetadataReference> RuntimeReferences(Backend backend) =>
        (backend == Backend.Cpu
            ? new[] { "ModelDsl.Runtime.Cpu.dll", "ModelDsl.Runtime.dll", "ModelDsl.Runtime.Cpu.Training.dll" }
            : new[] { "TorchSharp.dll", "ModelDsl.Runtime.dll" })
        .Select(name => (MetadataReference)MetadataReference.CreateFromFile(Path.Combine(AppContext.BaseDirectory, name)))
        .ToImmutableArray();

    /// <summary>This project on <paramref name="backend"/>, with that backend's runtime referenced.</summary>
    public ModelProject On(Backend backend) =>
        (this with { ExtraReferences = RuntimeReferences(backend) }).WithProperty("ModelDslBackend", backend.ToString());
}
