namespace ModelDsl.Compiler.Semantics;

/// <summary><c>maxpool2d</c> / <c>avgpool2d</c> (the <see cref="LayerKind"/> tells which). Stride defaults to the pool size.
/// With <c>same</c> padding Keras ignores the padded cells (max over real cells, average over real cells only).</summary>
public sealed record Pool2dArguments(Size2 Pool, Size2 Stride, Padding2d Padding) : LayerArguments;
