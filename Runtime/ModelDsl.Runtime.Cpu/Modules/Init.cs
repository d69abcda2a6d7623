using System;

namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>Weight initialisation as PyTorch's defaults, from a seeded <see cref="Generator"/>.</summary>
public static class Init
{
    /// <summary>
    /// PyTorch's default for Linear and Conv2d weights, kaiming_uniform(a = √5): U(−b, b) with b = 1/√fan_in.
    /// </summary>
    public static void KaimingUniformDefault(Tensor weight, int fanIn, Generator generator) => Uniform(weight, BoundFor(fanIn), generator);

    /// <summary>U(−bound, bound) in place.</summary>
    public static void Uniform(Tensor tensor, float bound, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(generator);
        var data = tensor.Data;
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = generator.Uniform(-bound, bound);
        }
    }

    /// <summary>1/√fan_in (0 when fan_in is 0): PyTorch's bound for default weights and biases.</summary>
    public static float BoundFor(int fanIn) => fanIn > 0 ? 1f / MathF.Sqrt(fanIn) : 0f;
}
