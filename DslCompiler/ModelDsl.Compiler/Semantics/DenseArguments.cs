namespace ModelDsl.Compiler.Semantics;

/// <summary><c>dense</c>: a linear layer <c>[InFeatures] → [Units]</c>, optionally followed by <see cref="Activation"/>.
/// <see cref="KernelInit"/> and <see cref="BiasInit"/> are null for the backend's default (PyTorch's) initialisation.</summary>
public sealed record DenseArguments(
    int InFeatures,
    int Units,
    bool Bias,
    ActivationSpec? Activation,
    InitializerSpec? KernelInit = null,
    InitializerSpec? BiasInit = null) : LayerArguments
{
    // Baselines and messages print the arguments; initialisers appear only where a layer has them.
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("InFeatures = ").Append(InFeatures).Append(", Units = ").Append(Units).Append(", Bias = ").Append(Bias).Append(", Activation = ").Append(Activation);
        if (KernelInit is not null)
        {
            builder.Append(", KernelInit = ").Append(KernelInit);
        }

        if (BiasInit is not null)
        {
            builder.Append(", BiasInit = ").Append(BiasInit);
        }

        return true;
    }
}
