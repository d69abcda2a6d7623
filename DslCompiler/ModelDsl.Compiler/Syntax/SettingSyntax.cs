using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>key: value</c>, such as <c>epochs: 10</c>, <c>optimizer: adam(lr: 0.001)</c>, <c>metrics: [accuracy]</c>,
/// <c>loss: { age: mse }</c> or, inside <c>data</c>, <c>train: idx(...)</c>. Keys may be keywords (<c>train</c>, <c>data</c>).</summary>
public sealed record SettingSyntax(SourceSpan Span, IdentifierSyntax Key, ExpressionSyntax Value) : TrainItemSyntax(Span);
