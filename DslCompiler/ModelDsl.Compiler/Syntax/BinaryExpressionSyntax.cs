using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>left OP right</c>; <c>* / %</c> bind tighter than <c>+ -</c>, all are left-associative.</summary>
public sealed record BinaryExpressionSyntax(SourceSpan Span, BinaryOperator Operator, ExpressionSyntax Left, ExpressionSyntax Right) : ExpressionSyntax(Span);
