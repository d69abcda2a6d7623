using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>Unary minus applied to a non-literal, <c>-stride</c> or <c>-(a + b)</c>.</summary>
public sealed record NegateExpressionSyntax(SourceSpan Span, ExpressionSyntax Operand) : ExpressionSyntax(Span);
