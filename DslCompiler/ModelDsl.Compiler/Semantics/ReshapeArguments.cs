namespace ModelDsl.Compiler.Semantics;

/// <summary><c>reshape</c> to <see cref="Target"/> per example (a <c>-1</c> in the source is already resolved).</summary>
public sealed record ReshapeArguments(Shape Target) : LayerArguments;
