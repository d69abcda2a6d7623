namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>[N, C, H, W] → [N, C] by averaging each plane.</summary>
public sealed class GlobalAvgPool2d : Module<Tensor, Tensor>
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.GlobalAvgPool2d(input);
}
