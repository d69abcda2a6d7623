using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler;

// TEMPORARY stand-in (see ModelCompiler.cs in this folder).
internal sealed record CompilationResult(
    EquatableArray<Diagnostic> Diagnostics,
    EquatableArray<object> Models,
    EquatableArray<object> Trainings,
    EquatableArray<GeneratedSource> Sources);
