using System;
using System.Numerics;
using System.Numerics.Tensors;
using ModelDsl.Runtime.Cpu.Kernels;

namespace ModelDsl.Runtime.Cpu;

/// <summary>
/// Hot loops of batch normalisation. Channels are independent, so large tensors are split over
/// <see cref="KernelThreads"/> by channel ranges (<see cref="BatchNormJob"/>); each row (one image's plane of one
/// channel) is handled by vectorised primitives. Statistics sum each row in float and the rows in double.
/// </summary>
internal static class BatchNormKernels
{
    /// <summary>Below this many values the split costs more than it saves.</summary>
    private const int ParallelValues = 32 * 1024;

    public static void Forward(
        float[] x, float[] y, float[]? xhat, float[] invStd, float[] runningMean, float[] runningVar, float[]? weight, float[]? bias,
        int n, int c, int inner, bool training, float momentum, float eps)
    {
        var args = new BatchNormArgs(x, y, xhat, invStd, runningMean, runningVar, weight, bias, null, null, null, n, c, inner, training, momentum, eps);
        Run(args, backward: false);
    }

    public static void Backward(
        float[] gy, float[] xhat, float[] invStd, float[]? weight, float[]? gx, float[]? gw, float[]? gb, int n, int c, int inner, bool training)
    {
        var args = new BatchNormArgs(gy, null, xhat, invStd, [], [], weight, null, gx, gw, gb, n, c, inner, training, 0f, 0f);
        Run(args, backward: true);
    }

    /// <summary>Runs channels <paramref name="first"/>..<paramref name="end"/>−1 of one pass.</summary>
    internal static void Channels(in BatchNormArgs args, bool backward, int first, int end)
    {
        for (var ch = first; ch < end; ch++)
        {
            if (backward)
            {
                BackwardChannel(args, ch);
            }
            else
            {
                ForwardChannel(args, ch);
            }
        }
    }

    private static void Run(in BatchNormArgs args, bool backward)
    {
        if ((long)args.N * args.C * args.Inner < ParallelValues || KernelThreads.Count == 1 || args.C == 1)
        {
            Channels(args, backward, 0, args.C);
            return;
        }

        BatchNormJob.Run(args, backward);
    }

    private static void ForwardChannel(in BatchNormArgs a, int ch)
    {
        var x = a.Source;
        var inner = a.Inner;
        var count = a.N * inner;
        double mean;
        double inv;
        if (a.Training)
        {
            double sum = 0;
            for (var b = 0; b < a.N; b++)
            {
                sum += TensorPrimitives.Sum(x.AsSpan(((b * a.C) + ch) * inner, inner));
            }

            mean = sum / count;
            double sq = 0;
            for (var b = 0; b < a.N; b++)
            {
                sq += SquaredDeviations(x.AsSpan(((b * a.C) + ch) * inner, inner), (float)mean);
            }

            var variance = sq / count;
            inv = 1.0 / Math.Sqrt(variance + a.Eps);
            a.RunningMean[ch] = (float)(((1.0 - a.Momentum) * a.RunningMean[ch]) + (a.Momentum * mean));
            a.RunningVar[ch] = (float)(((1.0 - a.Momentum) * a.RunningVar[ch]) + (a.Momentum * variance * count / (count - 1)));
        }
        else
        {
            mean = a.RunningMean[ch];
            inv = 1.0 / Math.Sqrt(a.RunningVar[ch] + (double)a.Eps);
        }

        a.InvStd[ch] = (float)inv;
        var gamma = a.Weight?[ch] ?? 1f;
        var beta = a.Bias?[ch] ?? 0f;
        for (var b = 0; b < a.N; b++)
        {
            var offset = ((b * a.C) + ch) * inner;
            var row = x.AsSpan(offset, inner);
            var yRow = a.Output!.AsSpan(offset, inner);
            if (a.Xhat is { } xhat)
            {
                // x̂ = (x − μ)·σ⁻¹ is kept for the backward pass.
                Normalise(row, (float)mean, (float)inv, 0f, xhat.AsSpan(offset, inner));
            }

            // y = γ·x̂ + β, computed from x directly.
            Normalise(row, (float)mean, (float)(inv * gamma), beta, yRow);
        }
    }

    private static void BackwardChannel(in BatchNormArgs a, int ch)
    {
        var gy = a.Source;
        var xhat = a.Xhat!;
        var inner = a.Inner;
        var count = a.N * inner;
        double sumG = 0;
        double sumGx = 0;
        for (var b = 0; b < a.N; b++)
        {
            var offset = ((b * a.C) + ch) * inner;
            sumG += TensorPrimitives.Sum(gy.AsSpan(offset, inner));
            sumGx += TensorPrimitives.Dot(gy.AsSpan(offset, inner), xhat.AsSpan(offset, inner));
        }

        if (a.WeightGrad is { } gw)
        {
            gw[ch] += (float)sumGx;
        }

        if (a.BiasGrad is { } gb)
        {
            gb[ch] += (float)sumG;
        }

        if (a.InputGrad is not { } gx)
        {
            return;
        }

        var scale = (a.Weight?[ch] ?? 1f) * a.InvStd[ch];
        for (var b = 0; b < a.N; b++)
        {
            var offset = ((b * a.C) + ch) * inner;
            var gxRow = gx.AsSpan(offset, inner);
            if (!a.Training)
            {
                TensorPrimitives.MultiplyAdd(gy.AsSpan(offset, inner), scale, gxRow, gxRow);
            }
            else
            {
                // dx = γ·σ⁻¹ · (g − mean(g) − x̂·mean(g·x̂))
                AccumulateInputGrad(gy.AsSpan(offset, inner), xhat.AsSpan(offset, inner), gxRow, scale, (float)(sumG / count), (float)(sumGx / count));
            }
        }
    }

    /// <summary>Σ (x − mean)² of one row, in float.</summary>
    private static float SquaredDeviations(ReadOnlySpan<float> row, float mean)
    {
        var i = 0;
        var acc = Vector<float>.Zero;
        if (Vector.IsHardwareAccelerated && row.Length >= Vector<float>.Count)
        {
            var m = new Vector<float>(mean);
            for (; i <= row.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var d = new Vector<float>(row[i..]) - m;
                acc += d * d;
            }
        }

        var sum = Vector.Sum(acc);
        for (; i < row.Length; i++)
        {
            var d = row[i] - mean;
            sum += d * d;
        }

        return sum;
    }

    /// <summary>dest = (x − mean)·scale + add over one row.</summary>
    private static void Normalise(ReadOnlySpan<float> x, float mean, float scale, float add, Span<float> dest)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
        {
            var m = new Vector<float>(mean);
            var s = new Vector<float>(scale);
            var b = new Vector<float>(add);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (((new Vector<float>(x[i..]) - m) * s) + b).CopyTo(dest[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            dest[i] = ((x[i] - mean) * scale) + add;
        }
    }

    /// <summary>gx += scale·(g − meanG − x̂·meanGx) over one row.</summary>
    private static void AccumulateInputGrad(ReadOnlySpan<float> g, ReadOnlySpan<float> xhat, Span<float> gx, float scale, float meanG, float meanGx)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && g.Length >= Vector<float>.Count)
        {
            var s = new Vector<float>(scale);
            var mg = new Vector<float>(meanG);
            var mgx = new Vector<float>(meanGx);
            for (; i <= g.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var value = new Vector<float>(gx[i..]) + (s * (new Vector<float>(g[i..]) - mg - (new Vector<float>(xhat[i..]) * mgx)));
                value.CopyTo(gx[i..]);
            }
        }

        for (; i < g.Length; i++)
        {
            gx[i] += scale * (g[i] - meanG - (xhat[i] * meanGx));
        }
    }
}
