namespace ModelDsl.Compiler.Semantics;

/// <summary><c>dropout</c>: zeroes a fraction <see cref="Rate"/> (0 ≤ rate &lt; 1) of the elements while training.</summary>
public sealed record DropoutArguments(double Rate) : LayerArguments;
