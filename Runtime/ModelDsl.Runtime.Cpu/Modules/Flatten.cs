namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>[N, …] → [N, product].</summary>
public sealed class Flatten : Module<Tensor, Tensor>
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Flatten(input);
}
