namespace ModelDsl.Compiler.Semantics;

/// <summary>The declared type of a block/group parameter (<c>int</c> when not written).</summary>
public enum ParameterType
{
    Int,
    Float,
    Bool,
    Activation,
    Padding,
}
