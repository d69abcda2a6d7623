using ModelDsl.Compiler;
using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Generators.Pipeline;

/// <summary>What checking the project's <c>.model</c> files found.</summary>
/// <param name="Diagnostics">The compiler's diagnostics, across all files.</param>
/// <param name="InternalError">The message of an exception the compiler threw, or null.</param>
public sealed record CheckResult(EquatableArray<Diagnostic> Diagnostics, string? InternalError);
