using System.Collections.Generic;
using System.IO;
using System.Linq;
using ModelDsl.Compiler;
using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Cli;

/// <summary>Loads files (and their imports) from disk and compiles them (without emitting code unless the options say so);
/// shared by the commands.</summary>
internal static class CliCompilation
{
    public static (CompilationResult Result, IReadOnlyList<Diagnostic> Diagnostics) Check(IEnumerable<string> paths, CompilationOptions? options = null)
    {
        var (result, diagnostics, _) = CheckCounting(paths, options);
        return (result, diagnostics);
    }

    /// <summary><see cref="Check"/>, also saying how many files were read (imports included).</summary>
    public static (CompilationResult Result, IReadOnlyList<Diagnostic> Diagnostics, int Files) CheckCounting(IEnumerable<string> paths, CompilationOptions? options = null)
    {
        var (files, loadDiagnostics) = SourceFileLoader.Load(paths);
        var result = ModelCompiler.Compile(files, options ?? CompilationOptions.Default with { Emit = false }, default);
        return (result, loadDiagnostics.Concat(result.Diagnostics).ToList(), files.Count);
    }

    public static void Print(IEnumerable<Diagnostic> diagnostics, TextWriter output)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }
    }
}
