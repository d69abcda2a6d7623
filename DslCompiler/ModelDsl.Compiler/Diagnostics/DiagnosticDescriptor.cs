namespace ModelDsl.Compiler.Diagnostics;

/// <summary>What a diagnostic ID means, independent of any occurrence. The Roslyn analyzer turns these into its
/// own descriptors, so every ID the compiler can report is declared up front in <see cref="DiagnosticCatalog"/>.</summary>
public sealed record DiagnosticDescriptor(string Id, DiagnosticSeverity Severity, string Category, string Title);
