using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>A call used as a value: <c>ceil(a / b)</c>, <c>top_k(5)</c>, <c>adam(lr: 0.001)</c>,
/// <c>warmup(2, then: cosine())</c>, and the callback/data/augment calls of a <c>train</c> declaration.</summary>
public sealed record CallExpressionSyntax(SourceSpan Span, IdentifierSyntax Callee, EquatableArray<ArgumentSyntax> Arguments) : ExpressionSyntax(Span);
