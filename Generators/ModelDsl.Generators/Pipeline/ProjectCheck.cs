using ModelDsl.Compiler;
using ModelDsl.Compiler.Emit.Surfaces;

namespace ModelDsl.Generators.Pipeline;

/// <summary>
/// One check of all the project's <c>.model</c> files: what to report, what to emit for real and what to stand in for.
/// Value-equal, so each projection of it (reports, units, surfaces) is compared and cached on its own.
/// </summary>
/// <param name="Report">The diagnostics to report.</param>
/// <param name="Units">The models that passed every check, each with its trainings.</param>
/// <param name="Surfaces">The models and trainers with errors, emitted as throwing stand-ins.</param>
public sealed record ProjectCheck(CheckResult Report, EquatableArray<EmissionUnit> Units, EquatableArray<ErrorSurface> Surfaces);
