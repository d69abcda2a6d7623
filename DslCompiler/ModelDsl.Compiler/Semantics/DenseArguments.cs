namespace ModelDsl.Compiler.Semantics;

/// <summary><c>dense</c>: a linear layer on the last axis, <c>[…, InFeatures] → […, Units]</c>, optionally followed by
/// <see cref="Activation"/> (softmax and log-softmax over that last axis, as Keras). <see cref="KernelInit"/> and
/// <see cref="BiasInit"/> are null for the backend's default (PyTorch's) initialisation. <see cref="InputRank"/> is the
/// rank of one example (1 for a vector, 2 for <c>[steps, features]</c>, …).</summary>
public sealed record DenseArguments(
    int InFeatures,
    int Units,
    bool Bias,
    ActivationSpec? Activation,
    InitializerSpec? KernelInit = null,
    InitializerSpec? BiasInit = null,
    int InputRank = 1) : LayerArguments
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

        if (InputRank != 1)
        {
            builder.Append(", InputRank = ").Append(InputRank);
        }

        return true;
    }

    /// <summary>The tensor axis (batch included) that a softmax of <see cref="Activation"/> normalises: the features.</summary>
    public int FeatureAxis => InputRank == 1 ? 1 : -1;
}
