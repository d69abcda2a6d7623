using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>
/// Compiles generated C# with Roslyn against the .NET reference assemblies, the real TorchSharp 0.107 assembly (from
/// the TorchSharp-cpu package this project references) and ModelDsl.Runtime, as a user's project would.
/// </summary>
internal static class GeneratedCodeCompiler
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    /// <summary>All diagnostics of warning severity or above (warnings count: users build with warnings as errors).</summary>
    public static IReadOnlyList<Diagnostic> Compile(IEnumerable<string> sources) => Build(sources).Diagnostics;

    /// <summary>Compiles and loads the generated code (both backends are real, so the modules can run).</summary>
    public static Assembly Load(IEnumerable<string> sources)
    {
        var (diagnostics, image) = Build(sources);
        if (image is null || diagnostics.Count > 0)
        {
            throw new InvalidOperationException("The generated code does not compile:" + Environment.NewLine + Describe(diagnostics));
        }

        return Assembly.Load(image);
    }

    private static (IReadOnlyList<Diagnostic> Diagnostics, byte[]? Image) Build(IEnumerable<string> sources)
    {
        // C# 12 is the newest language Roslyn 4.8 knows, which the oldest supported SDK also uses for generated code.
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, parseOptions, path: $"Generated{i}.g.cs")).ToArray();
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            warningLevel: 9999,
            deterministic: true,

            // The SDK suppresses these for every project: TorchSharp is built against net8.0's System.Runtime.
            specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress });
        var compilation = CSharpCompilation.Create("UserProject", trees, References.Value, options);
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var diagnostics = result.Diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError)
            .ToArray();
        return (diagnostics, result.Success ? stream.ToArray() : null);
    }

    /// <summary>Formats diagnostics with the offending line, for assertion messages.</summary>
    public static string Describe(IReadOnlyList<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d =>
        {
            var line = d.Location.SourceTree?.GetText().Lines[d.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim();
            return $"{d}{Environment.NewLine}    {line}";
        }));

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        var references = new List<MetadataReference>();
        foreach (var path in FrameworkReferencePaths())
        {
            references.Add(MetadataReference.CreateFromFile(path));
        }

        var baseDirectory = AppContext.BaseDirectory;
        references.Add(MetadataReference.CreateFromFile(Path.Combine(baseDirectory, "TorchSharp.dll")));
        references.Add(MetadataReference.CreateFromFile(Path.Combine(baseDirectory, "ModelDsl.Runtime.dll")));
        references.Add(MetadataReference.CreateFromFile(Path.Combine(baseDirectory, "ModelDsl.Runtime.Cpu.dll")));
        references.Add(MetadataReference.CreateFromFile(Path.Combine(baseDirectory, "ModelDsl.Runtime.Cpu.Training.dll")));
        return references;
    }

    // The reference pack (packs/Microsoft.NETCore.App.Ref/<version>/ref/net10.0) is what a real build compiles
    // against; the running runtime's own assemblies are the fallback where no pack is installed.
    private static IEnumerable<string> FrameworkReferencePaths()
    {
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var version = Environment.Version;
        if (Directory.Exists(packs))
        {
            var candidates = Directory.GetDirectories(packs)
                .Where(d => Path.GetFileName(d).StartsWith($"{version.Major}.{version.Minor}.", StringComparison.Ordinal))
                .Select(d => Path.Combine(d, "ref", $"net{version.Major}.{version.Minor}"))
                .Where(Directory.Exists)
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .ToArray();
            if (candidates.Length > 0)
            {
                return Directory.GetFiles(candidates[0], "*.dll");
            }
        }

        var trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return trusted.Split(Path.PathSeparator).Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll");
    }
}
