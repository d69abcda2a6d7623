using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>A string literal; <see cref="Value"/> has the escapes (<c>\"</c>, <c>\\</c>) resolved.</summary>
public sealed record StringLiteralSyntax(SourceSpan Span, string Value) : ExpressionSyntax(Span);
