using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using ModelDsl.Compiler;

namespace ModelDsl.Bench.Generator;

/// <summary>
/// The compiler alone, without Roslyn's driver, to tell the two apart in <see cref="GeneratorBenchmarks"/>:
/// check only (what the analyzer runs) and check + emit (what the generator runs).
/// </summary>
[MemoryDiagnoser]
public class CompilerBenchmarks
{
    private SourceFile[] _resNet50 = null!;
    private SourceFile[] _project = null!;

    [GlobalSetup]
    public void Setup()
    {
        _resNet50 = Files(BenchmarkModels.ResNet50);
        _project = Files(BenchmarkModels.Project(50));
        CpuTime.ReportOnce(this);
    }

    [Benchmark]
    public CompilationResult ResNet50Check() => ModelCompiler.Compile(_resNet50, new CompilationOptions(Backend.TorchSharp, "Bench", Emit: false));

    [Benchmark]
    public CompilationResult ResNet50Emit() => ModelCompiler.Compile(_resNet50, new CompilationOptions(Backend.TorchSharp, "Bench", Emit: true));

    /// <summary>Parsing alone: the part of checking that a per-file cache could skip for unchanged files.</summary>
    [Benchmark]
    public int Project50FilesParse()
    {
        var declarations = 0;
        foreach (var file in _project)
        {
            declarations += ModelDsl.Compiler.Syntax.ModelParser.Parse(file).Root.Declarations.Count;
        }

        return declarations;
    }

    [Benchmark]
    public CompilationResult Project50FilesCheck() => ModelCompiler.Compile(_project, new CompilationOptions(Backend.TorchSharp, "Bench", Emit: false));

    [Benchmark]
    public CompilationResult Project50FilesEmit() => ModelCompiler.Compile(_project, new CompilationOptions(Backend.TorchSharp, "Bench", Emit: true));

    private static SourceFile[] Files(IEnumerable<(string Name, string Text)> files) =>
        files.Select(file => new SourceFile("/bench/Models/" + file.Name, file.Text)).ToArray();
}
