namespace ModelDsl.Compiler.Semantics;

/// <summary>An activation layer (<c>relu()</c>, <c>leaky_relu(0.2)</c>, <c>activation(gelu)</c>, …).</summary>
public sealed record ActivationArguments(ActivationSpec Function) : LayerArguments;
