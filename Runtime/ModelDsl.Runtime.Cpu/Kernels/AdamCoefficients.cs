using System;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>The scalars of one Adam step (see <see cref="AdamKernel"/>).</summary>
public readonly record struct AdamCoefficients(
    float Beta1, float Beta2, float Epsilon, float WeightDecay, float StepSize, float BiasCorrection2Sqrt)
{
    /// <summary>PyTorch's step-t coefficients: stepSize = lr / (1 − β₁ᵗ), c₂ = √(1 − β₂ᵗ).</summary>
    public static AdamCoefficients ForStep(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, long step) =>
        new(
            (float)beta1,
            (float)beta2,
            (float)epsilon,
            (float)weightDecay,
            (float)(learningRate / (1 - Math.Pow(beta1, step))),
            (float)Math.Sqrt(1 - Math.Pow(beta2, step)));
}
