namespace ModelDsl.Compiler.Semantics;

/// <summary>A bare identifier used as a value: an activation (<c>relu</c>) or a padding mode (<c>same</c>).</summary>
public sealed record NameValue(string Name) : ConstantValue
{
    public override string ToString() => Name;
}
