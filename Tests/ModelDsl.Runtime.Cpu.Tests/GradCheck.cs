using System;
using System.Collections.Generic;
using ModelDsl.Runtime.Cpu;
using Xunit;

namespace ModelDsl.Runtime.Cpu.Tests;

/// <summary>
/// Compares autograd gradients with central finite differences. The scalar probed is Σ output·R for a fixed
/// random R, accumulated in double so that float32 rounding of the outputs stays far below the tolerance.
/// </summary>
internal static class GradCheck
{
    public static void Check(Func<Tensor> forward, IReadOnlyList<Tensor> leaves, double step = 1e-3, double atol = 3e-3, double rtol = 1e-2)
    {
        var output = forward();
        var weights = Tensor.Normal(new Generator(99), [.. output.Shape]);
        foreach (var leaf in leaves)
        {
            leaf.Grad = null;
        }

        output.Backward(weights);

        for (var l = 0; l < leaves.Count; l++)
        {
            var leaf = leaves[l];
            Assert.True(leaf.Grad is not null, $"leaf {l} {Describe(leaf)} received no gradient");
            var analytic = leaf.Grad!.ToArray();
            var data = leaf.Data;
            for (var i = 0; i < data.Length; i++)
            {
                var original = data[i];
                data[i] = (float)(original + step);
                var plus = Probe(forward, weights);
                data[i] = (float)(original - step);
                var minus = Probe(forward, weights);
                data[i] = original;
                var numeric = (plus - minus) / (2 * step);
                var error = Math.Abs(analytic[i] - numeric);
                Assert.True(
                    error <= atol + (rtol * Math.Abs(numeric)),
                    $"leaf {l} {Describe(leaf)} element {i}: autograd {analytic[i]:G6}, finite difference {numeric:G6}");
            }
        }
    }

    private static double Probe(Func<Tensor> forward, Tensor weights)
    {
        using (Autograd.NoGrad())
        {
            var y = forward();
            double sum = 0;
            var w = weights.Data;
            var d = y.Data;
            for (var i = 0; i < d.Length; i++)
            {
                sum += (double)d[i] * w[i];
            }

            return sum;
        }
    }

    private static string Describe(Tensor t) => "[" + string.Join(", ", t.Shape) + "]";
}
