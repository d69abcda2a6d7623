using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>A call written as an item, <c>early_stopping(monitor: val_loss, patience: 3)</c> or <c>checkpoint(...)</c>.</summary>
public sealed record TrainCallSyntax(SourceSpan Span, CallExpressionSyntax Call) : TrainItemSyntax(Span);
