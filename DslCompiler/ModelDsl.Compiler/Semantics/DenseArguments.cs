namespace ModelDsl.Compiler.Semantics;

/// <summary><c>dense</c>: a linear layer <c>[InFeatures] → [Units]</c>, optionally followed by <see cref="Activation"/>.
/// <see cref="KernelInit"/> and <see cref="BiasInit"/> are null for the backend's default (PyTorch's) initialisation.</summary>
public sealed record DenseArguments(
    int InFeatures,
    int Units,
    bool Bias,
    ActivationSpec? Activation,
    InitializerSpec? KernelInit = null,
    InitializerSpec? BiasInit = null) : LayerArguments;
