namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>[N, C, H, W] → [N, C] by the maximum of each plane.</summary>
public sealed class GlobalMaxPool2d : Module<Tensor, Tensor>
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.GlobalMaxPool2d(input);
}
