using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ModelDsl.Compiler;
using ModelDsl.Compiler.Emit;
using ModelDsl.Compiler.Syntax;
using ModelDsl.Compiler.Training;

namespace ModelDsl.Generators.Pipeline;

/// <summary>
/// The one place the generator and the analyzer call the compiler. The compiler turns bad input into diagnostics;
/// this guards against its bugs too, because an exception in a generator fails the user's whole build with a
/// message that does not mention their file (the analyzer reports such a failure as MD9001 instead).
/// </summary>
public static class ModelDslCompilation
{
    /// <summary>
    /// Parses and checks all files together (imports and names cross files) without emitting: the models that passed
    /// every check, each with its trainings. Emission is a separate step per unit, so that editing one file re-emits
    /// only the units whose checked form changed.
    /// </summary>
    public static EquatableArray<EmissionUnit> CheckUnits(EquatableArray<ParseResult> files, CompilationOptions options, CancellationToken cancellationToken)
    {
        if (files.IsEmpty)
        {
            return EquatableArray<EmissionUnit>.Empty;
        }

        try
        {
            var result = ModelCompiler.Compile((IReadOnlyList<ParseResult>)files.ToArray(), options with { Emit = false }, cancellationToken);

            // Trainings belong to the first model of their name, as in the compiler's own emission; a training whose
            // model has errors is left out with it.
            var claimed = new HashSet<string>(StringComparer.Ordinal);
            var units = new List<EmissionUnit>(result.Models.Count);
            foreach (var model in result.Models)
            {
                var trainings = claimed.Add(model.Name)
                    ? result.Trainings.Where(training => training.ModelName == model.Name).ToEquatableArray()
                    : EquatableArray<CheckedTraining>.Empty;
                units.Add(new EmissionUnit(model, trainings));
            }

            return units.ToEquatableArray();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return EquatableArray<EmissionUnit>.Empty;
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

    /// <summary>The compiler's diagnostics, or the exception it threw (reported as an internal error).</summary>
    public static CheckResult Check(EquatableArray<SourceFile> files, CompilationOptions options, CancellationToken cancellationToken)
    {
        if (files.IsEmpty)
        {
            return new CheckResult(EquatableArray<Compiler.Diagnostics.Diagnostic>.Empty, null);
        }

        try
        {
            var result = ModelCompiler.Compile(files.ToArray(), options with { Emit = false }, cancellationToken);
            return new CheckResult(result.Diagnostics, null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new CheckResult(EquatableArray<Compiler.Diagnostics.Diagnostic>.Empty, exception.GetType().Name + ": " + exception.Message);
        }
    }
}
