using System.Globalization;

namespace ModelDsl.Compiler.Diagnostics;

/// <summary>One problem found in a <c>.model</c> file: which rule, where, and a message that says what was expected,
/// what was found and how to fix it.</summary>
public sealed record Diagnostic(DiagnosticDescriptor Descriptor, SourceSpan Span, string Message)
{
    public string Id => Descriptor.Id;

    public DiagnosticSeverity Severity => Descriptor.Severity;

    public bool IsError => Descriptor.Severity == DiagnosticSeverity.Error;

    /// <summary>The line compilers print: <c>Models/mnist.model(7,5): error MD3001: message</c>.</summary>
    public override string ToString() =>
        string.Format(
            CultureInfo.InvariantCulture,
            "{0}({1},{2}): {3} {4}: {5}",
            Span.FilePath,
            Span.Line,
            Span.Column,
            Severity == DiagnosticSeverity.Error ? "error" : "warning",
            Id,
            Message);
}
