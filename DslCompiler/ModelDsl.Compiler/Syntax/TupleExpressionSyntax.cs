using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>(3, 3)</c>: two or more elements in parentheses (a single parenthesised expression is just that expression, its span including the parentheses).</summary>
public sealed record TupleExpressionSyntax(SourceSpan Span, EquatableArray<ExpressionSyntax> Elements) : ExpressionSyntax(Span);
