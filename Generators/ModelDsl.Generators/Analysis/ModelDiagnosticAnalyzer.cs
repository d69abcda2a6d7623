using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelDsl.Compiler;
using ModelDsl.Generators.Pipeline;

namespace ModelDsl.Generators.Analysis;

/// <summary>
/// Reports the compiler's diagnostics on the <c>.model</c> files, so they appear in <c>dotnet build</c> output and the
/// IDE error list like C# errors. Kept apart from the generator (as CommunityToolkit does): generators cannot be
/// relied on to report diagnostics incrementally, and the generator would report each one again on every run.
/// All files are compiled together (imports cross files) once per compilation; each diagnostic is then reported
/// once, by the action for the file it belongs to.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModelDiagnosticAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => RoslynDiagnostics.Supported;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var files = ModelFiles.ReadAll(context.Options.AdditionalFiles, context.CancellationToken);
        if (files.IsEmpty)
        {
            return;
        }

        var options = CompilationOptionsFactory.Create(
            BuildPropertiesReader.Read(context.Options.AnalyzerConfigOptionsProvider.GlobalOptions),
            CompilationOptionsFactory.ReferencesTorchSharp(context.Compilation),
            emit: false);
        var result = CheckCache.Check(files, options, context.CancellationToken);
        var byFile = Partition(result, files);

        // A file listed twice in AdditionalFiles gets the action twice; only its first instance reports.
        var reporters = new Dictionary<string, AdditionalText>(StringComparer.Ordinal);
        foreach (var text in context.Options.AdditionalFiles)
        {
            if (ModelFiles.IsModelFile(text) && !reporters.ContainsKey(text.Path))
            {
                reporters.Add(text.Path, text);
            }
        }

        context.RegisterAdditionalFileAction(fileContext =>
        {
            if (!reporters.TryGetValue(fileContext.AdditionalFile.Path, out var reporter)
                || !ReferenceEquals(reporter, fileContext.AdditionalFile)
                || !byFile.TryGetValue(fileContext.AdditionalFile.Path, out var report))
            {
                return;
            }

            foreach (var diagnostic in report.Diagnostics)
            {
                fileContext.ReportDiagnostic(RoslynDiagnostics.ToRoslyn(diagnostic, fileContext.AdditionalFile.Path));
            }

            if (report.InternalError is not null)
            {
                fileContext.ReportDiagnostic(Diagnostic.Create(
                    RoslynDiagnostics.InternalError,
                    Location.Create(fileContext.AdditionalFile.Path, default, default),
                    report.InternalError));
            }
        });
    }

    /// <summary>
    /// Groups diagnostics by the file they point into. A diagnostic whose path is none of the project's files (the
    /// compiler should never produce one) and an internal error go to the first file, so nothing is lost and nothing
    /// is reported twice.
    /// </summary>
    private static Dictionary<string, CheckResult> Partition(CheckResult result, EquatableArray<SourceFile> files)
    {
        var paths = new HashSet<string>(files.Select(file => file.Path), StringComparer.Ordinal);
        var first = files[0].Path;
        var grouped = result.Diagnostics
            .GroupBy(diagnostic => paths.Contains(diagnostic.Span.FilePath) ? diagnostic.Span.FilePath : first, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => new CheckResult(group.ToEquatableArray(), null), StringComparer.Ordinal);
        if (result.InternalError is not null)
        {
            grouped[first] = grouped.TryGetValue(first, out var existing)
                ? existing with { InternalError = result.InternalError }
                : new CheckResult(EquatableArray<ModelDsl.Compiler.Diagnostics.Diagnostic>.Empty, result.InternalError);
        }

        return grouped;
    }
}
