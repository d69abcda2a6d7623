using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ModelDsl.Generators.Tests.Infrastructure;

/// <summary>
/// A project in memory: C# files, <c>.model</c> files and build properties, with helpers to run the generator
/// (through <see cref="CSharpGeneratorDriver"/>) and the analyzer (through <see cref="CompilationWithAnalyzers"/>).
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
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

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

    public ImmutableArray<Diagnostic> RunAnalyzer()
    {
        var options = new AnalyzerOptions(AdditionalTexts, OptionsProvider);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ModelDsl.Generators.Analysis.ModelDiagnosticAnalyzer());
        var withAnalyzers = CreateCompilation().WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        return withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult()
            .Where(diagnostic => diagnostic.Id.StartsWith("MD", StringComparison.Ordinal) || diagnostic.Id == "AD0001")
            .ToImmutableArray();
    }

    public IReadOnlyList<Diagnostic> AnalyzerExceptions(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Where(diagnostic => diagnostic.Id == "AD0001").ToList();
}
