using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using CompilerDiagnostic = ModelDsl.Compiler.Diagnostics.Diagnostic;
using CompilerDiagnosticCatalog = ModelDsl.Compiler.Diagnostics.DiagnosticCatalog;
using CompilerDiagnosticSeverity = ModelDsl.Compiler.Diagnostics.DiagnosticSeverity;
using CompilerSourceSpan = ModelDsl.Compiler.Diagnostics.SourceSpan;

namespace ModelDsl.Generators.Reporting;

/// <summary>
/// Translates the compiler's diagnostics into Roslyn's. Every ID the compiler can report is declared up front in its
/// catalog, so every descriptor is built from it once and stays complete as IDs are added.
/// </summary>
public static class RoslynDiagnostics
{
    public const string InternalErrorId = "MD9001";

    /// <summary>The compiler threw: a bug in ModelDsl, not in the user's file, reported so it is not silent.</summary>
    public static readonly DiagnosticDescriptor InternalError = new(
        InternalErrorId,
        "The .model compiler failed",
        "The .model compiler failed unexpectedly ({0}); no code was generated from the .model files. Please report this with the file that triggers it.",
        "ModelDsl",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = CompilerDiagnosticCatalog.All
        .GroupBy(descriptor => descriptor.Id)
        .ToDictionary(group => group.Key, group => ToRoslyn(group.First()));

    /// <summary>The Roslyn diagnostic at the compiler's span, in <paramref name="filePath"/> (the additional file's own path).</summary>
    public static Diagnostic ToRoslyn(CompilerDiagnostic diagnostic, string filePath) =>
        ById.TryGetValue(diagnostic.Id, out var descriptor)
            ? Diagnostic.Create(descriptor, ToLocation(diagnostic.Span, filePath), diagnostic.Message)
            : Diagnostic.Create(InternalError, ToLocation(diagnostic.Span, filePath), $"undeclared diagnostic {diagnostic.Id}: {diagnostic.Message}");

    public static Location ToLocation(CompilerSourceSpan span, string filePath)
    {
        // The compiler's lines and columns are 1-based, Roslyn's 0-based; clamp so a malformed span still reports.
        var start = new LinePosition(System.Math.Max(span.Line - 1, 0), System.Math.Max(span.Column - 1, 0));
        var end = new LinePosition(System.Math.Max(span.EndLine - 1, start.Line), System.Math.Max(span.EndColumn - 1, 0));
        if (end < start)
        {
            end = start;
        }

        var textSpan = new TextSpan(System.Math.Max(span.Start, 0), System.Math.Max(span.Length, 0));
        return Location.Create(filePath, textSpan, new LinePositionSpan(start, end));
    }

    private static DiagnosticDescriptor ToRoslyn(ModelDsl.Compiler.Diagnostics.DiagnosticDescriptor descriptor) =>
        new(
            descriptor.Id,
            descriptor.Title,
            "{0}",
            descriptor.Category,
            descriptor.Severity == CompilerDiagnosticSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
            isEnabledByDefault: true);
}
