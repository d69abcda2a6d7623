using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>true</c> or <c>false</c>.</summary>
public sealed record BooleanLiteralSyntax(SourceSpan Span, bool Value) : ExpressionSyntax(Span);
