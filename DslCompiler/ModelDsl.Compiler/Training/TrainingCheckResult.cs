using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Training;

/// <summary>The outcome of checking one <c>train</c> declaration.</summary>
/// <param name="Training">The checked training, or null when it has errors or its model does (no code is emitted for it).</param>
/// <param name="Diagnostics">Errors and warnings, in source order.</param>
public sealed record TrainingCheckResult(CheckedTraining? Training, EquatableArray<Diagnostic> Diagnostics);
