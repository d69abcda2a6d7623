using System;
using System.Threading;
using ModelDsl.Compiler;

namespace ModelDsl.Generators.Pipeline;

/// <summary>
/// The one place the generator and the analyzer call the compiler. The compiler turns bad input into diagnostics;
/// this guards against its bugs too, because an exception in a generator fails the user's whole build with a
/// message that does not mention their file.
/// </summary>
public static class ModelDslCompilation
{
    /// <summary>The C# sources for every declaration without errors; empty when there is nothing to emit.</summary>
    public static EquatableArray<GeneratedSource> Generate(EquatableArray<SourceFile> files, CompilationOptions options, CancellationToken cancellationToken)
    {
        if (files.IsEmpty)
        {
            return EquatableArray<GeneratedSource>.Empty;
        }

        try
        {
            var result = ModelCompiler.Compile(files.ToArray(), options with { Emit = true }, cancellationToken);
            return HintNames.MakeUnique(result.Sources);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The analyzer compiles the same files and reports the failure (MD9001); the generator stays silent.
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
            return new CheckResult(result.Diagnostics.ToEquatableArray(), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new CheckResult(EquatableArray<Compiler.Diagnostics.Diagnostic>.Empty, exception.GetType().Name + ": " + exception.Message);
        }
    }
}
