namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>
/// Average pooling; stride defaults to the pool size. <paramref name="countIncludePad"/>: padded zeros count in
/// the divisor (PyTorch's default); false averages real pixels only (Keras' <c>same</c>).
/// </summary>
public sealed class AvgPool2d(
    (int H, int W) pool, (int H, int W)? stride = null, Padding2d padding = default, bool countIncludePad = true) : Module<Tensor, Tensor>
{
    /// <summary>Window size.</summary>
    public (int H, int W) Pool { get; } = pool;

    /// <summary>Stride.</summary>
    public (int H, int W) Stride { get; } = stride ?? pool;

    /// <summary>Padding.</summary>
    public Padding2d Padding { get; } = padding;

    /// <summary>Whether padded positions count in the divisor.</summary>
    public bool CountIncludePad { get; } = countIncludePad;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.AvgPool2d(input, Pool, Stride, Padding, CountIncludePad);
}
