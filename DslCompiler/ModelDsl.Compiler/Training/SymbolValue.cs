namespace ModelDsl.Compiler.Training;

/// <summary>One of a fixed set of words (<c>mode: min</c>, <c>color: rgb</c>, <c>per: step</c>) or a monitor name.</summary>
public sealed record SymbolValue(string Value) : ArgumentValue
{
    public override string ToString() => Value;
}
