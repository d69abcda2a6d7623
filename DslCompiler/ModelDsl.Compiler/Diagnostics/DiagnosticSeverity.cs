namespace ModelDsl.Compiler.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
