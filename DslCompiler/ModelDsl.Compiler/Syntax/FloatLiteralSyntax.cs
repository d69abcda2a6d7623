using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>A floating-point literal, <c>0.5</c> or <c>1e-4</c> (any literal with a fraction or an exponent).</summary>
/// <param name="Text">The literal as written (sign included), so emitted code can reproduce it exactly.</param>
public sealed record FloatLiteralSyntax(SourceSpan Span, double Value, string Text) : ExpressionSyntax(Span);
