using System;
using Xunit;

namespace ModelDsl.Runtime.Cpu.Tests.Kernels;

/// <summary>
/// The vectorised batch-norm kernels, on tensors large enough to be split over the kernel threads by channel, against
/// a double-precision reference of the same formulas (PyTorch's; the small shapes are covered by the PyTorch fixtures
/// and gradient checks).
/// </summary>
public sealed class BatchNormKernelTests
{
    [Theory]
    [InlineData(8, 16, 256, true, 3f)]
    [InlineData(8, 16, 256, false, 3f)]
    [InlineData(3, 64, 203, true, 3f)]
    [InlineData(4096, 24, 1, true, 3f)]
    [InlineData(8, 16, 256, true, 1000f)] // a mean far above the spread: the one-pass variance must not cancel
    public void Forward_and_backward_match_a_double_precision_reference(int n, int c, int inner, bool training, float offset)
    {
        var random = new Random(n + c + inner);
        var x = Random(random, n * c * inner, offset);
        var gy = Random(random, n * c * inner, offset: 0f);
        var weight = Random(random, c, offset: 1f);
        var bias = Random(random, c, offset: 0f);
        var runningMean = Random(random, c, offset: 0f);
        var runningVar = Array.ConvertAll(Random(random, c, offset: 2f), v => Math.Abs(v) + 0.5f);
        var expectedMean = (float[])runningMean.Clone();
        var expectedVar = (float[])runningVar.Clone();

        var y = new float[x.Length];
        var savedMean = new float[c];
        var invStd = new float[c];
        BatchNormKernels.Forward(x, y, savedMean, invStd, runningMean, runningVar, weight, bias, n, c, inner, training, 0.1f, 1e-5f);
        var gx = new float[x.Length];
        var gw = new float[c];
        var gb = new float[c];
        BatchNormKernels.Backward(gy, x, savedMean, invStd, weight, gx, gw, gb, n, c, inner, training);

        var count = n * inner;
        for (var ch = 0; ch < c; ch++)
        {
            double channelMean = 0, variance = 0;
            if (training)
            {
                ForEach(n, c, inner, ch, i => channelMean += x[i]);
                channelMean /= count;
                ForEach(n, c, inner, ch, i => variance += (x[i] - channelMean) * (x[i] - channelMean));
                variance /= count;
                Near(0.9 * expectedMean[ch] + 0.1 * channelMean, runningMean[ch], 1e-5);
                Near(0.9 * expectedVar[ch] + 0.1 * variance * count / (count - 1), runningVar[ch], 1e-4);
            }
            else
            {
                channelMean = expectedMean[ch];
                variance = expectedVar[ch];
            }

            var inv = 1 / Math.Sqrt(variance + 1e-5);
            var mean = channelMean;
            Near(mean, savedMean[ch], 1e-6);
            Near(inv, invStd[ch], 1e-4);
            double sumG = 0, sumGx = 0;
            ForEach(n, c, inner, ch, i =>
            {
                var normalised = (x[i] - mean) * inv;
                Near((normalised * weight[ch]) + bias[ch], y[i], 1e-4);
                sumG += gy[i];
                sumGx += gy[i] * normalised;
            });
            Near(sumG, gb[ch], 1e-3);
            // The mean is kept in float, as in PyTorch: x̂ is off by up to an ulp of μ times σ⁻¹, which Σ g·x̂ carries
            // |Σ g| times (visible only when the mean is far above the spread).
            var meanUlp = MathF.BitIncrement(MathF.Abs((float)mean)) - MathF.Abs((float)mean);
            Assert.True(Math.Abs(sumGx - gw[ch]) <= (1e-3 * Math.Max(1, Math.Abs(sumGx))) + (Math.Abs(sumG) * inv * meanUlp), $"weight gradient {gw[ch]}, expected {sumGx}");
            ForEach(n, c, inner, ch, i =>
            {
                var normalised = (x[i] - mean) * inv;
                var expected = training
                    ? weight[ch] * inv * (gy[i] - (sumG / count) - (normalised * sumGx / count))
                    : weight[ch] * inv * gy[i];
                Near(expected, gx[i], 1e-4);
            });
        }
    }

    private static void ForEach(int n, int c, int inner, int ch, Action<int> action)
    {
        for (var b = 0; b < n; b++)
        {
            for (var i = 0; i < inner; i++)
            {
                action((((b * c) + ch) * inner) + i);
            }
        }
    }

    private static void Near(double expected, float actual, double tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");

    private static float[] Random(Random random, int length, float offset)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = offset + (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }
}
