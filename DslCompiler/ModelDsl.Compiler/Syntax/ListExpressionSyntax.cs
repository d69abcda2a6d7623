using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>[accuracy, top_k(5)]</c>; may be empty.</summary>
public sealed record ListExpressionSyntax(SourceSpan Span, EquatableArray<ExpressionSyntax> Elements) : ExpressionSyntax(Span);
