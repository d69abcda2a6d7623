using System;
using System.Threading;
using ModelDsl.Compiler;
using ModelDsl.Compiler.Emit;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Generators.Pipeline;

/// <summary>
/// The one place the generator and the analyzer call the compiler. The compiler turns bad input into diagnostics;
/// this guards against its bugs too, because an exception in a generator fails the user's whole build with a
/// message that does not mention their file (the analyzer reports such a failure as MD9001 instead).
/// </summary>
public static class ModelDslCompilation
{
    /// <summary>
    /// Parses and checks all files together (imports and names cross files) without emitting: the models that
    /// passed every check. Emission is a separate, per-model step so that editing one file re-emits only its models.
    /// </summary>
    public static EquatableArray<CheckedModel> CheckModels(EquatableArray<SourceFile> files, CompilationOptions options, CancellationToken cancellationToken)
    {
        if (files.IsEmpty)
        {
            return EquatableArray<CheckedModel>.Empty;
        }

        try
        {
            return ModelCompiler.Compile(files.ToArray(), options with { Emit = false }, cancellationToken).Models;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return EquatableArray<CheckedModel>.Empty;
        }
    }

    /// <summary>The C# for one checked model, or null when the emitter has nothing for this backend (or failed).</summary>
    public static GeneratedSource? EmitModel(CheckedModel model, CompilationOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var sources = SourceEmitter.Emit(new[] { model }, options);
            return sources.IsEmpty ? null : sources[0];
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return null;
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
