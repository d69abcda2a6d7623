using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>A bare name used as a value: a parameter (<c>filters</c>), a symbol (<c>H</c>) or an enumerated word
/// (<c>relu</c>, <c>same</c>, <c>val_loss</c>, <c>stem</c>). What it means is decided by the stage that reads it.</summary>
public sealed record NameExpressionSyntax(SourceSpan Span, string Name) : ExpressionSyntax(Span);
