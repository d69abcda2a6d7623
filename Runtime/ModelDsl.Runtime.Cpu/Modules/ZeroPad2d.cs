namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>Zero padding of the spatial dimensions.</summary>
public sealed class ZeroPad2d(Padding2d padding) : Module<Tensor, Tensor>
{
    /// <summary>Rows/columns added on each side.</summary>
    public Padding2d Padding { get; } = padding;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.ZeroPad2d(input, Padding);
}
