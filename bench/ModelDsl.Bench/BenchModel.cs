namespace ModelDsl.Bench;

/// <summary>The networks every engine of the bench builds alike (same layers, PyTorch default initialisation).</summary>
internal enum BenchModel
{
    /// <summary>MNIST dense network: 784-512-512-10, ReLU.</summary>
    Dnn,

    /// <summary>MNIST convnet: three 3×3 convolutions (32, 64, 64), two 2×2 max pools, dense 64, dense 10.</summary>
    Cnn,

    /// <summary>
    /// ResNet-style network on 32×32 inputs: a 3×3 stem (16) with batch norm, then three residual stages (16, 32, 64
    /// channels; the last two open with a stride-2 block whose shortcut is a 1×1 stride-2 convolution with batch
    /// norm), global average pooling and dense 10.
    /// </summary>
    ResNet,
}
