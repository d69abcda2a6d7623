using ModelDsl.Compiler;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Compiler.Training;

namespace ModelDsl.Generators.Pipeline;

/// <summary>
/// What is emitted together: one checked model and the checked trainings of it. Value-equal, so the generator emits a
/// unit again only when its model or one of its trainings changed.
/// </summary>
public sealed record EmissionUnit(CheckedModel Model, EquatableArray<CheckedTraining> Trainings);
