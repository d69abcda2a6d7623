using ModelDsl.Compiler;
using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Generators.Pipeline;

/// <summary>What checking the project's <c>.model</c> files found, for reporting.</summary>
/// <param name="Diagnostics">The compiler's diagnostics, across all files.</param>
/// <param name="InternalError">The message of an exception the compiler threw, or null.</param>
/// <param name="Paths">The project's <c>.model</c> files, sorted: a diagnostic whose path is none of them (never
/// expected) and an internal error are reported on the first, so nothing is lost.</param>
public sealed record CheckResult(EquatableArray<Diagnostic> Diagnostics, string? InternalError, EquatableArray<string> Paths);
