namespace ModelDsl.Compiler;

/// <summary>Settings of one compilation.</summary>
/// <param name="Backend">The emission profile.</param>
/// <param name="DefaultNamespace">The C# namespace for files without a <c>namespace</c> declaration (the project's RootNamespace).</param>
/// <param name="Emit">False to stop after checking (the CLI's <c>check</c> and <c>summary</c>).</param>
public sealed record CompilationOptions(Backend Backend = Backend.TorchSharp, string DefaultNamespace = "ModelDsl.Generated", bool Emit = true)
{
    public static CompilationOptions Default { get; } = new();
}
