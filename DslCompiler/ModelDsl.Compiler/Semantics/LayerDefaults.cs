namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// The defaults a file's <c>defaults { init: … }</c> chooses for layers that do not set them. <c>pytorch</c> (the
/// default) leaves every layer as PyTorch creates it (null initialisers: the backend's own defaults). <c>keras</c> is
/// what a Keras user expects: glorot_uniform kernels, zero biases, batch norm with Keras' momentum 0.99 (0.01 in this
/// language's PyTorch convention, the weight of the new batch) and eps 1e-3.
/// </summary>
public sealed record LayerDefaults(string Profile, InitializerSpec? KernelInit, InitializerSpec? BiasInit, double BatchNormMomentum, double BatchNormEps)
{
    public static readonly LayerDefaults PyTorch = new("pytorch", null, null, 0.1, 1e-5);

    public static readonly LayerDefaults Keras = new("keras", InitializerSpec.GlorotUniform, InitializerSpec.Zeros, 0.01, 1e-3);
}
