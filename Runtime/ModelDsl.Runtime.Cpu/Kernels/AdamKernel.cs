using System;
using System.Runtime.Intrinsics;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// One fused Adam/AdamW/AMSGrad update over a parameter tensor, vectorised and split over the kernel threads for
/// large tensors. The optimiser step touches four arrays per parameter (value, gradient, two moments) once, so it is
/// memory-bound: one pass instead of several, and both cores' bandwidth.
/// </summary>
/// <remarks>
/// m ← β₁·m + (1−β₁)·g; v ← β₂·v + (1−β₂)·g²; v̂ ← max(v̂, v) for AMSGrad; p ← p − stepSize·m / (√v̂ / c₂ + ε),
/// with g = grad + weightDecay·p (coupled L2; AdamW decays the parameter before calling this with weightDecay 0).
/// stepSize = lr / (1 − β₁ᵗ) and c₂ = √(1 − β₂ᵗ), as PyTorch computes them.
/// </remarks>
public static unsafe class AdamKernel
{
    /// <summary>Below this many parameters a second thread is not worth waking.</summary>
    private const int ParallelLength = 64 * 1024;

    /// <summary>Elements per parallel part.</summary>
    private const int PartLength = 32 * 1024;

    public static void Update(
        Span<float> parameter, ReadOnlySpan<float> gradient, Span<float> firstMoment, Span<float> secondMoment,
        Span<float> maxSecondMoment, AdamCoefficients coefficients)
    {
        var n = parameter.Length;
        if (gradient.Length != n || firstMoment.Length != n || secondMoment.Length != n ||
            (!maxSecondMoment.IsEmpty && maxSecondMoment.Length != n))
        {
            throw new ArgumentException(
                $"Adam: parameter ({n}), gradient ({gradient.Length}), moments ({firstMoment.Length}, {secondMoment.Length}) " +
                $"and max moment ({maxSecondMoment.Length}, or empty) must have the same length.");
        }

        fixed (float* p = parameter)
        fixed (float* g = gradient)
        fixed (float* m = firstMoment)
        fixed (float* v = secondMoment)
        fixed (float* vmax = maxSecondMoment)
        {
            var arrays = new AdamArrays(p, g, m, v, maxSecondMoment.IsEmpty ? null : vmax);
            if (n < ParallelLength || KernelThreads.Count == 1)
            {
                Run(arrays, 0, n, coefficients);
            }
            else
            {
                AdamJob.Run(arrays, n, PartLength, coefficients);
            }
        }
    }

    internal static void Run(in AdamArrays arrays, int start, int end, AdamCoefficients c)
    {
        var p = arrays.Parameter;
        var g = arrays.Gradient;
        var m = arrays.FirstMoment;
        var v = arrays.SecondMoment;
        var vmax = arrays.MaxSecondMoment;
        var i = start;
        if (Vector256.IsHardwareAccelerated)
        {
            var b1 = Vector256.Create(c.Beta1);
            var oneMinusB1 = Vector256.Create(1f - c.Beta1);
            var b2 = Vector256.Create(c.Beta2);
            var oneMinusB2 = Vector256.Create(1f - c.Beta2);
            var decay = Vector256.Create(c.WeightDecay);
            var step = Vector256.Create(c.StepSize);
            var inverseC2 = Vector256.Create(1f / c.BiasCorrection2Sqrt);
            var eps = Vector256.Create(c.Epsilon);
            for (; i <= end - 8; i += 8)
            {
                var pv = Vector256.Load(p + i);
                var gv = Vector256.Load(g + i);
                if (c.WeightDecay != 0f)
                {
                    gv += decay * pv;
                }

                var mv = (Vector256.Load(m + i) * b1) + (gv * oneMinusB1);
                var vv = (Vector256.Load(v + i) * b2) + (gv * gv * oneMinusB2);
                Vector256.Store(mv, m + i);
                Vector256.Store(vv, v + i);
                if (vmax != null)
                {
                    vv = Vector256.Max(Vector256.Load(vmax + i), vv);
                    Vector256.Store(vv, vmax + i);
                }

                var denominator = (Vector256.Sqrt(vv) * inverseC2) + eps;
                Vector256.Store(pv - (step * mv / denominator), p + i);
            }
        }

        for (; i < end; i++)
        {
            var gi = g[i] + (c.WeightDecay * p[i]);
            m[i] = (m[i] * c.Beta1) + (gi * (1f - c.Beta1));
            v[i] = (v[i] * c.Beta2) + (gi * gi * (1f - c.Beta2));
            var second = v[i];
            if (vmax != null)
            {
                vmax[i] = MathF.Max(vmax[i], second);
                second = vmax[i];
            }

            p[i] -= c.StepSize * m[i] / ((MathF.Sqrt(second) / c.BiasCorrection2Sqrt) + c.Epsilon);
        }
    }
}
