using System;
using ModelDsl.Runtime.Cpu.Kernels;
using Xunit;

namespace ModelDsl.Runtime.Cpu.Tests.Kernels;

public sealed class AdamKernelTests
{
    [Theory]
    [InlineData(1, false, 0f)]
    [InlineData(37, false, 0f)]
    [InlineData(1000, true, 0f)]
    [InlineData(1000, false, 0.01f)]
    [InlineData(200_003, false, 0f)]
    [InlineData(200_003, true, 0.001f)]
    public void Matches_scalar_adam_over_several_steps(int length, bool amsGrad, float weightDecay)
    {
        var random = new Random(length);
        var parameter = Random(random, length);
        var expected = (float[])parameter.Clone();
        var m = new float[length];
        var v = new float[length];
        var vmax = amsGrad ? new float[length] : [];
        var em = new double[length];
        var ev = new double[length];
        var evmax = new double[length];
        for (var step = 1; step <= 3; step++)
        {
            var gradient = Random(random, length);
            var coefficients = AdamCoefficients.ForStep(1e-2, 0.9, 0.999, 1e-8, weightDecay, step);
            AdamKernel.Update(parameter, gradient, m, v, vmax, coefficients);
            for (var i = 0; i < length; i++)
            {
                // PyTorch's Adam (torch.optim.adam, single-tensor path) in double precision.
                var g = gradient[i] + (weightDecay * (double)expected[i]);
                em[i] = (0.9 * em[i]) + (0.1 * g);
                ev[i] = (0.999 * ev[i]) + (0.001 * g * g);
                evmax[i] = Math.Max(evmax[i], ev[i]);
                var second = amsGrad ? evmax[i] : ev[i];
                var denominator = (Math.Sqrt(second) / Math.Sqrt(1 - Math.Pow(0.999, step))) + 1e-8;
                expected[i] = (float)(expected[i] - (1e-2 / (1 - Math.Pow(0.9, step)) * em[i] / denominator));
            }
        }

        for (var i = 0; i < length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - parameter[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: {parameter[i]} vs {expected[i]}");
            Assert.True(Math.Abs(em[i] - m[i]) <= 1e-6, $"first moment {i}: {m[i]} vs {em[i]}");
        }
    }

    [Fact]
    public void Rejects_mismatched_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => AdamKernel.Update(
            new float[4], new float[3], new float[4], new float[4], [], AdamCoefficients.ForStep(1e-3, 0.9, 0.999, 1e-8, 0, 1)));
        Assert.Contains("same length", error.Message, StringComparison.Ordinal);
    }

    private static float[] Random(Random random, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }
}
