namespace ModelDsl.Compiler.Semantics;

public sealed record BoolValue(bool Value) : ConstantValue
{
    public override string ToString() => Value ? "true" : "false";
}
