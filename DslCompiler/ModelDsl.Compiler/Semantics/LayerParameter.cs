namespace ModelDsl.Compiler.Semantics;

/// <summary>One parameter of a catalog layer. <see cref="Required"/> parameters have no default; optional ones without a
/// <see cref="Default"/> mean "absent" (no activation, stride = pool). <see cref="NamedOnly"/> parameters (the
/// initialisers) come after the positional ones and are taken by name only.</summary>
internal sealed record LayerParameter(string Name, LayerParameterKind Kind, bool Required = false, ConstantValue? Default = null, bool NamedOnly = false)
{
    public bool IsVariadic => Kind is LayerParameterKind.Tensors or LayerParameterKind.Ints;
}
