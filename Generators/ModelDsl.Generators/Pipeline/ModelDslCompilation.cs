using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ModelDsl.Compiler;
using ModelDsl.Compiler.Emit;
using ModelDsl.Compiler.Emit.Surfaces;
using ModelDsl.Compiler.Syntax;
using ModelDsl.Compiler.Training;

namespace ModelDsl.Generators.Pipeline;

/// <summary>
/// The one place the generator calls the compiler. The compiler turns bad input into diagnostics; this guards
/// against its bugs too, because an exception in a generator fails the user's whole build with a message that does
/// not mention their file (such a failure is reported as MD9001 instead).
/// </summary>
public static class ModelDslCompilation
{
    /// <summary>
    /// Parses and checks all files together (imports and names cross files) without emitting: the diagnostics, the
    /// models that passed every check (each with its trainings) and the stand-ins for those that did not. Emission is
    /// a separate step per unit, so that editing one file re-emits only the units whose checked form changed.
    /// </summary>
    public static ProjectCheck Check(EquatableArray<ParseResult> files, CompilationOptions options, CancellationToken cancellationToken)
    {
        var paths = files.Select(file => file.Root.Span.FilePath).ToEquatableArray();
        if (files.IsEmpty)
        {
            return new ProjectCheck(new CheckResult(EquatableArray<Compiler.Diagnostics.Diagnostic>.Empty, null, paths), EquatableArray<EmissionUnit>.Empty, EquatableArray<ErrorSurface>.Empty);
        }

        try
        {
            var parsed = (IReadOnlyList<ParseResult>)files.ToArray();
            var result = ModelCompiler.Compile(parsed, options with { Emit = false }, cancellationToken);

            // Trainings belong to the first model of their name, as in the compiler's own emission; a training whose
            // model has errors is left out with it (and gets a stand-in).
            var claimed = new HashSet<string>(StringComparer.Ordinal);
            var units = new List<EmissionUnit>(result.Models.Count);
            foreach (var model in result.Models)
            {
                var trainings = claimed.Add(model.Name)
                    ? result.Trainings.Where(training => training.ModelName == model.Name).ToEquatableArray()
                    : EquatableArray<CheckedTraining>.Empty;
                units.Add(new EmissionUnit(model, trainings));
            }

            var surfaces = ErrorSurfacePlanner.Plan(parsed.Select(file => file.Root).ToList(), result, options);
            return new ProjectCheck(new CheckResult(result.Diagnostics, null, paths), units.ToEquatableArray(), surfaces);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new ProjectCheck(
                new CheckResult(EquatableArray<Compiler.Diagnostics.Diagnostic>.Empty, exception.GetType().Name + ": " + exception.Message, paths),
                EquatableArray<EmissionUnit>.Empty,
                EquatableArray<ErrorSurface>.Empty);
        }
    }

    /// <summary>The C# for one unit (the model's file, then its trainers'); empty when the backend has no emitter or it failed.</summary>
    public static EquatableArray<GeneratedSource> Emit(EmissionUnit unit, CompilationOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return SourceEmitter.Emit(new[] { unit.Model }, unit.Trainings, options);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return EquatableArray<GeneratedSource>.Empty;
        }
    }

    /// <summary>The C# of one stand-in; empty when it failed (the build fails with the .model errors anyway).</summary>
    public static EquatableArray<GeneratedSource> EmitSurface(ErrorSurface surface, CompilationOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return new[] { ErrorSurfaceEmitter.Emit(surface, options.Backend) }.ToEquatableArray();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return EquatableArray<GeneratedSource>.Empty;
        }
    }
}
