namespace ModelDsl.Compiler.Semantics;

/// <summary>The actual value of one block/group parameter at a call site (defaults filled in), in declaration order.</summary>
public sealed record ArgumentValue(string Name, ParameterType Type, ConstantValue Value)
{
    public override string ToString() => Name + ": " + Value;
}
