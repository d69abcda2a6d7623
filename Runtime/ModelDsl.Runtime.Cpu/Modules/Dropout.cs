using System;

namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>Inverted dropout, active only in training mode.</summary>
public sealed class Dropout : Module<Tensor, Tensor>
{
    private readonly Generator? _generator;

    /// <summary>Creates the layer; <paramref name="generator"/> defaults to <see cref="CpuEngine.DefaultGenerator"/>.</summary>
    public Dropout(float rate, Generator? generator = null)
    {
        if (!(rate >= 0f && rate < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "dropout rate must satisfy 0 <= rate < 1");
        }

        Rate = rate;
        _generator = generator;
    }

    /// <summary>Where the masks come from (the engine's default generator when none was given).</summary>
    public Generator Generator => _generator ?? CpuEngine.DefaultGenerator;

    /// <summary>Probability of zeroing an element.</summary>
    public float Rate { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Dropout(input, Rate, IsTraining, _generator);
}
