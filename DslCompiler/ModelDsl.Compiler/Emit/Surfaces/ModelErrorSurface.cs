namespace ModelDsl.Compiler.Emit.Surfaces;

/// <summary>The stand-in for a model with errors: its module class with the declared inputs and outputs.</summary>
/// <param name="ModelName">The name declared in the <c>.model</c> file (the TorchSharp module name).</param>
/// <param name="Inputs">The declared input names in order (one <c>input</c> when none could be read).</param>
/// <param name="Outputs">The declared <c>output</c> names in order; empty for the single unnamed output.</param>
public sealed record ModelErrorSurface(
    string TypeName,
    string Namespace,
    string SourcePath,
    EquatableArray<string> Errors,
    string ModelName,
    EquatableArray<string> Inputs,
    EquatableArray<string> Outputs) : ErrorSurface(TypeName, Namespace, SourcePath, Errors);
