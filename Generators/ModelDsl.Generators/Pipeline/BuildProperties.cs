namespace ModelDsl.Generators.Pipeline;

/// <summary>The MSBuild properties that steer generation, as the compiler sees them through
/// <c>CompilerVisibleProperty</c> (<c>build_property.*</c> in the global analyzer config).</summary>
/// <param name="Backend">The raw <c>ModelDslBackend</c> value, or null when the project does not set it.</param>
/// <param name="RootNamespace">The project's <c>RootNamespace</c>, or null when it is not visible.</param>
public sealed record BuildProperties(string? Backend, string? RootNamespace)
{
    public const string BackendProperty = "build_property.ModelDslBackend";

    public const string RootNamespaceProperty = "build_property.RootNamespace";
}
