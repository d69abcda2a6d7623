using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>data { train: ...  test: ...  normalize: ...  augment { ... } }</c>: settings and at most one
/// <see cref="AugmentSyntax"/>, in source order.</summary>
public sealed record DataSyntax(SourceSpan Span, EquatableArray<TrainItemSyntax> Items) : TrainItemSyntax(Span);
