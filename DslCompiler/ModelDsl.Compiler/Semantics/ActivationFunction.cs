namespace ModelDsl.Compiler.Semantics;

/// <summary>The element-wise activations of the layer catalog (softmax and log-softmax act over the feature/channel axis,
/// PyTorch dim 1).</summary>
public enum ActivationFunction
{
    Relu,
    Sigmoid,
    Tanh,
    Softmax,
    LogSoftmax,
    Gelu,
    Elu,
    LeakyRelu,
}
