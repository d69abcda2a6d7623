using System.Collections.Generic;

namespace ModelDsl.Compiler.Semantics;

/// <summary>One parameter tensor a layer's declared initialiser applies to, with the fans its distribution uses.</summary>
/// <param name="Parameter"><c>weight</c> or <c>bias</c>.</param>
public sealed record InitializedTensor(string Parameter, InitializerSpec Spec, long FanIn, long FanOut);

/// <summary>The initialisers a dense or conv2d layer names, with the fans PyTorch and Keras use for them: dense
/// in_features/units; conv2d (in_channels / groups)·kh·kw and filters·kh·kw; a bias uses its own length for both.
/// Every emitter that writes initialisation statements (TorchSharp, PyTorch) reads this, so they cannot drift apart.</summary>
public static class LayerInitialization
{
    public static IEnumerable<InitializedTensor> Of(CheckedLayer layer)
    {
        var (kernel, bias, fanIn, fanOut, biasLength) = layer.Arguments switch
        {
            DenseArguments dense => (dense.KernelInit, dense.BiasInit, (long)dense.InFeatures, (long)dense.Units, (long)dense.Units),
            Conv2dArguments conv => (conv.KernelInit, conv.BiasInit,
                (long)conv.InChannels / conv.Groups * conv.Kernel.Height * conv.Kernel.Width,
                (long)conv.Filters * conv.Kernel.Height * conv.Kernel.Width,
                (long)conv.Filters),
            _ => (null, null, 0L, 0L, 0L),
        };
        if (kernel is not null)
        {
            yield return new InitializedTensor("weight", kernel, fanIn, fanOut);
        }

        if (bias is not null)
        {
            yield return new InitializedTensor("bias", bias, biasLength, biasLength);
        }
    }
}
