using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelDsl.Generators;

namespace ModelDsl.Bench.Generator;

/// <summary>
/// What the generator costs inside a build. A fresh driver per call measures a cold generator run in a warm process
/// (parse + check + emit of every file); the incremental case keeps one driver and edits one file of fifty between
/// calls, which is what an IDE does on every keystroke in a <c>.model</c> file.
/// Run: <c>dotnet run -c Release --project bench/ModelDsl.Bench -- generator --filter *GeneratorBenchmarks* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const int ProjectSize = 50;

    // TorchSharp: the backend whose emitter exists today, so every run parses, checks and emits.
    private static readonly BenchOptionsProvider Properties = new(new Dictionary<string, string>
    {
        ["build_property.ModelDslBackend"] = "TorchSharp",
        ["build_property.RootNamespace"] = "Bench",
    });

    private CSharpCompilation _compilation = null!;
    private ImmutableArray<AdditionalText> _resNet50;
    private ImmutableArray<AdditionalText> _resNet152;
    private ImmutableArray<AdditionalText> _project;
    private GeneratorDriver _incremental = null!;
    private AdditionalText _edited = null!;
    private AdditionalText _alternate = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = CSharpCompilation.Create(
            "Bench",
            new[] { CSharpSyntaxTree.ParseText("namespace Bench; public static class Program { public static void Main() { } }") },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _resNet50 = Texts(BenchmarkModels.ResNet50);
        _resNet152 = Texts(BenchmarkModels.ResNet152);
        _project = Texts(BenchmarkModels.Project(ProjectSize));

        _incremental = Run(_project);
        _edited = _project[ProjectSize / 2];
        _alternate = new BenchAdditionalText(_edited.Path, BenchmarkModels.SmallNetwork(ProjectSize / 2, 256));
        CpuTime.ReportOnce(this);
    }

    [Benchmark]
    public GeneratorDriver ResNet50() => Run(_resNet50);

    [Benchmark]
    public GeneratorDriver ResNet152() => Run(_resNet152);

    [Benchmark]
    public GeneratorDriver Project50Files() => Run(_project);

    /// <summary>Edits one file of fifty (alternating between two versions, so every call sees a real change).</summary>
    [Benchmark]
    public GeneratorDriver Project50FilesEditOne()
    {
        _incremental = _incremental.ReplaceAdditionalText(_edited, _alternate).RunGenerators(_compilation);
        (_edited, _alternate) = (_alternate, _edited);
        return _incremental;
    }

    private static ImmutableArray<AdditionalText> Texts(IEnumerable<(string Name, string Text)> files) =>
        files.Select(file => (AdditionalText)new BenchAdditionalText("/bench/Models/" + file.Name, file.Text)).ToImmutableArray();

    private GeneratorDriver Run(ImmutableArray<AdditionalText> texts) =>
        CSharpGeneratorDriver.Create(new[] { new ModelDslGenerator().AsSourceGenerator() }, texts, optionsProvider: Properties).RunGenerators(_compilation);
}
