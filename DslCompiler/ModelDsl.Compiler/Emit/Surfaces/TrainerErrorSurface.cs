namespace ModelDsl.Compiler.Emit.Surfaces;

/// <summary>The stand-in for the trainer of a <c>train</c> declaration with errors (or whose model has errors).</summary>
/// <param name="ModelType">The model class, <c>global::</c>-qualified, or null when no model of that name is declared
/// (then the members that take or return the model are left out: there is no type to name).</param>
public sealed record TrainerErrorSurface(
    string TypeName,
    string Namespace,
    string SourcePath,
    EquatableArray<string> Errors,
    string? ModelType) : ErrorSurface(TypeName, Namespace, SourcePath, Errors);
