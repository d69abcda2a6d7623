using System;

namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>Reshapes each example to <c>dims</c> (the batch dimension is kept): [N, …] → [N, dims…].</summary>
public sealed class Reshape : Module<Tensor, Tensor>
{
    private readonly int[] _shape;

    /// <summary>Per-example target shape; one entry may be −1.</summary>
    public Reshape(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        Dims = (int[])dims.Clone();
        _shape = new int[dims.Length + 1];
        dims.CopyTo(_shape, 1);
    }

    /// <summary>The per-example shape.</summary>
    public int[] Dims { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _shape[0] = input.Size(0);
        return Functional.Reshape(input, _shape);
    }
}
