namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>Max pooling; stride defaults to the pool size.</summary>
public sealed class MaxPool2d((int H, int W) pool, (int H, int W)? stride = null, Padding2d padding = default) : Module<Tensor, Tensor>
{
    /// <summary>Window size.</summary>
    public (int H, int W) Pool { get; } = pool;

    /// <summary>Stride.</summary>
    public (int H, int W) Stride { get; } = stride ?? pool;

    /// <summary>Padding.</summary>
    public Padding2d Padding { get; } = padding;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.MaxPool2d(input, Pool, Stride, Padding);
}
