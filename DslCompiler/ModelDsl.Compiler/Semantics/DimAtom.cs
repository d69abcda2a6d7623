namespace ModelDsl.Compiler.Semantics;

/// <summary>An indivisible factor of a symbolic <see cref="Dim"/>: a size symbol, or a floor division that could not
/// be simplified away.</summary>
public abstract record DimAtom
{
    /// <summary>The sort key that keeps a <see cref="Dim"/>'s terms in one canonical order.</summary>
    internal string Key => ToString();
}
