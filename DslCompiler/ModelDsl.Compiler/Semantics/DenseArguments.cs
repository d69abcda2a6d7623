namespace ModelDsl.Compiler.Semantics;

/// <summary><c>dense</c>: a linear layer <c>[InFeatures] → [Units]</c>, optionally followed by <see cref="Activation"/>.</summary>
public sealed record DenseArguments(int InFeatures, int Units, bool Bias, ActivationSpec? Activation) : LayerArguments;
