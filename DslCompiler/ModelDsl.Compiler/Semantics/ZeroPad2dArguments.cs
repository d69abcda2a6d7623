namespace ModelDsl.Compiler.Semantics;

/// <summary><c>zeropad2d</c>: adds zero rows/columns around the two spatial axes.</summary>
public sealed record ZeroPad2dArguments(Padding4 Padding) : LayerArguments;
