using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Compiler.Training;

namespace ModelDsl.Compiler;

/// <summary>
/// Everything one compilation produced. Value-equal. A declaration with an error contributes its diagnostics and nothing
/// else: it is absent from <see cref="Models"/> and generates no source.
/// </summary>
/// <param name="Diagnostics">Every diagnostic of every file, ordered by file, position and ID.</param>
/// <param name="Models">The models that passed every check, in file and declaration order.</param>
/// <param name="Trainings">The <c>train</c> declarations that passed every check (their models did too).</param>
/// <param name="Sources">The emitted C# (empty when <see cref="CompilationOptions.Emit"/> is false).</param>
public sealed record CompilationResult(
    EquatableArray<Diagnostic> Diagnostics,
    EquatableArray<CheckedModel> Models,
    EquatableArray<CheckedTraining> Trainings,
    EquatableArray<GeneratedSource> Sources)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
