namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>An activation layer (softmax variants over the channel/feature axis).</summary>
public sealed class Activation(ActivationKind kind, float slope = 0.01f) : Module<Tensor, Tensor>
{
    /// <summary>Which activation.</summary>
    public ActivationKind Kind { get; } = kind;

    /// <summary>Negative slope of <see cref="ActivationKind.LeakyRelu"/>.</summary>
    public float Slope { get; } = slope;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Activation(input, Kind, Slope);
}
