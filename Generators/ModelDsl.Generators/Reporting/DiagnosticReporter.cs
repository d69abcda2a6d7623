using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using ModelDsl.Generators.Pipeline;

namespace ModelDsl.Generators.Reporting;

/// <summary>
/// Reports the compiler's diagnostics from the generator's source output, at the <c>.model</c> file's line and column.
/// Generator diagnostics are part of the compilation's own diagnostics, so <c>dotnet build</c> prints them at every
/// verbosity and also when the C# has errors (the command-line compiler skips analyzers then); the IDE shows them in
/// its error list. Each diagnostic is reported once: the check runs once per project, over all files.
/// </summary>
public static class DiagnosticReporter
{
    public static void Report(SourceProductionContext context, CheckResult result)
    {
        var paths = new HashSet<string>(result.Paths, StringComparer.Ordinal);
        var first = result.Paths.IsEmpty ? string.Empty : result.Paths[0];
        foreach (var diagnostic in result.Diagnostics)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var path = paths.Contains(diagnostic.Span.FilePath) ? diagnostic.Span.FilePath : first;
            context.ReportDiagnostic(RoslynDiagnostics.ToRoslyn(diagnostic, path));
        }

        if (result.InternalError is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(RoslynDiagnostics.InternalError, Location.Create(first, default, default), result.InternalError));
        }
    }
}
