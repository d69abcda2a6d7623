using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>augment { flip(horizontal: true)  rotate(degrees: 15) }</c>: the augmentation calls in order.</summary>
public sealed record AugmentSyntax(SourceSpan Span, EquatableArray<CallExpressionSyntax> Transforms) : TrainItemSyntax(Span);
