using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelDsl.Compiler;

namespace ModelDsl.Cli;

/// <summary>
/// Compiles the C# that the generator would add to a project (either backend) into an in-memory assembly, against the
/// runtime assemblies this tool itself runs on (TorchSharp included), and loads it — so <c>modeldsl train</c> trains exactly what a project's
/// generated trainer would.
/// </summary>
internal static class GeneratedCodeLoader
{
    public static Assembly Load(IEnumerable<GeneratedSource> sources)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, path: s.HintName)).ToArray();
        var compilation = CSharpCompilation.Create(
            "ModelDsl.Generated.Cli",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            // Generated code that does not compile is a bug of ours, not of the user's file: say so plainly.
            var first = result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
            throw new InvalidOperationException($"the generated trainer does not compile ({first}); please report this");
        }

        return Assembly.Load(image.ToArray());
    }

    private static IEnumerable<MetadataReference> References()
    {
        // The framework's own assemblies, then ModelDsl's runtime assemblies as loaded by this tool.
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator);
        var framework = trusted.Where(p => Path.GetFileName(p) is { } name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "System.dll" or "mscorlib.dll" or "netstandard.dll"));
        var runtime = new[]
        {
            typeof(ModelDsl.Runtime.Training.TrainingLoop).Assembly,
            typeof(ModelDsl.Runtime.Cpu.Tensor).Assembly,
            typeof(ModelDsl.Runtime.Cpu.Training.CpuTrainingSession).Assembly,
            typeof(TorchSharp.torch).Assembly,
        }.Select(a => a.Location);
        return framework.Concat(runtime).Where(File.Exists).Distinct().Select(p => MetadataReference.CreateFromFile(p));
    }
}
