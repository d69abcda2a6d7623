namespace ModelDsl.Compiler.Semantics;

/// <summary>A size symbol from an input declaration, e.g. <c>H</c> in <c>float[3, H, W]</c>.</summary>
public sealed record SymbolAtom(string Name) : DimAtom
{
    public override string ToString() => Name;
}
