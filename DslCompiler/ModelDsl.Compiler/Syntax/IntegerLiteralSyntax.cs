using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>An integer literal, <c>512</c>. A minus sign written directly before a literal is folded into it
/// (<c>-1</c> is the literal -1, its span includes the sign).</summary>
public sealed record IntegerLiteralSyntax(SourceSpan Span, int Value) : ExpressionSyntax(Span);
