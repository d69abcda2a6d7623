namespace ModelDsl.Compiler.Semantics;

/// <summary>A catalog entry: the source name, the kind, and the parameters in positional order.</summary>
internal sealed record LayerDefinition(string Name, LayerKind Kind, EquatableArray<LayerParameter> Parameters);
