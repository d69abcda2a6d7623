namespace ModelDsl.Runtime.Cpu;

/// <summary>The element-wise and channel-wise activations of the layer catalog.</summary>
public enum ActivationKind
{
    /// <summary>max(x, 0).</summary>
    Relu,

    /// <summary>1 / (1 + e^−x).</summary>
    Sigmoid,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>Softmax over the channel/feature axis (dimension 1).</summary>
    Softmax,

    /// <summary>Log-softmax over the channel/feature axis (dimension 1).</summary>
    LogSoftmax,

    /// <summary>x·Φ(x) with the exact (erf) Gaussian CDF, as PyTorch's default.</summary>
    Gelu,

    /// <summary>x for x &gt; 0, α(e^x − 1) otherwise (α = 1).</summary>
    Elu,

    /// <summary>x for x &gt; 0, slope·x otherwise (slope = 0.01 unless given).</summary>
    LeakyRelu,
}
