namespace ModelDsl.Compiler.Syntax;

/// <summary>The integer arithmetic operators (<c>/</c> floors, <c>%</c> is the matching remainder).</summary>
public enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
}
