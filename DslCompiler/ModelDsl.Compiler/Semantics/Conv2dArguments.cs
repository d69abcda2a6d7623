namespace ModelDsl.Compiler.Semantics;

/// <summary><c>conv2d</c>: <c>[InChannels, H, W] → [Filters, H', W']</c>, optionally followed by <see cref="Activation"/>.
/// Weight shape (PyTorch): <c>[Filters, InChannels / Groups, Kernel.Height, Kernel.Width]</c>.
/// <see cref="KernelInit"/> and <see cref="BiasInit"/> are null for the backend's default (PyTorch's) initialisation.</summary>
public sealed record Conv2dArguments(
    int InChannels,
    int Filters,
    Size2 Kernel,
    Size2 Stride,
    Padding2d Padding,
    Size2 Dilation,
    int Groups,
    bool Bias,
    ActivationSpec? Activation,
    InitializerSpec? KernelInit = null,
    InitializerSpec? BiasInit = null) : LayerArguments
{
    // Baselines and messages print the arguments; initialisers appear only where a layer has them.
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("InChannels = ").Append(InChannels).Append(", Filters = ").Append(Filters).Append(", Kernel = ").Append(Kernel)
            .Append(", Stride = ").Append(Stride).Append(", Padding = ").Append(Padding).Append(", Dilation = ").Append(Dilation)
            .Append(", Groups = ").Append(Groups).Append(", Bias = ").Append(Bias).Append(", Activation = ").Append(Activation);
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
