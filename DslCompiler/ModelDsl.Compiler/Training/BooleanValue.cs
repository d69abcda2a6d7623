namespace ModelDsl.Compiler.Training;

/// <summary><c>true</c> or <c>false</c>.</summary>
public sealed record BooleanValue(bool Value) : ArgumentValue
{
    public override string ToString() => Value ? "true" : "false";
}
