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
        float[] x, float[] y, float[] mean, float[] invStd, float[] runningMean, float[] runningVar, float[]? weight, float[]? bias,
        int n, int c, int inner, bool training, float momentum, float eps)
    {
        var args = new BatchNormArgs(x, y, null, mean, invStd, runningMean, runningVar, weight, bias, null, null, null, n, c, inner, training, momentum, eps);
        Run(args, backward: false);
    }

    public static void Backward(
        float[] gy, float[] x, float[] mean, float[] invStd, float[]? weight, float[]? gx, float[]? gw, float[]? gb, int n, int c, int inner,
        bool training, bool overwriteInputGrad = false)
    {
        var args = new BatchNormArgs(gy, null, x, mean, invStd, [], [], weight, null, gx, gw, gb, n, c, inner, training, 0f, 0f, overwriteInputGrad);
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
            // One pass for both moments, shifted by the channel's first value so that Σ(x−k)² − (Σ(x−k))²/n does
            // not cancel when the mean is large against the spread (k is a sample, so |μ − k| is of the order of σ).
            var shift = x[ch * inner];
            double sum = 0;
            double squares = 0;
            for (var b = 0; b < a.N; b++)
            {
                var (rowSum, rowSquares) = ShiftedMoments(x.AsSpan(((b * a.C) + ch) * inner, inner), shift);
                sum += rowSum;
                squares += rowSquares;
            }

            var shiftedMean = sum / count;
            mean = shift + shiftedMean;
            var variance = Math.Max(0.0, (squares / count) - (shiftedMean * shiftedMean));
            inv = 1.0 / Math.Sqrt(variance + a.Eps);
            a.RunningMean[ch] = (float)(((1.0 - a.Momentum) * a.RunningMean[ch]) + (a.Momentum * mean));
            a.RunningVar[ch] = (float)(((1.0 - a.Momentum) * a.RunningVar[ch]) + (a.Momentum * variance * count / (count - 1)));
        }
        else
        {
            mean = a.RunningMean[ch];
            inv = 1.0 / Math.Sqrt(a.RunningVar[ch] + (double)a.Eps);
        }

        a.Mean[ch] = (float)mean;
        a.InvStd[ch] = (float)inv;
        var gamma = a.Weight?[ch] ?? 1f;
        var beta = a.Bias?[ch] ?? 0f;
        for (var b = 0; b < a.N; b++)
        {
            // y = γ·(x − μ)·σ⁻¹ + β
            var offset = ((b * a.C) + ch) * inner;
            Normalise(x.AsSpan(offset, inner), (float)mean, (float)(inv * gamma), beta, a.Output!.AsSpan(offset, inner));
        }
    }

    private static void BackwardChannel(in BatchNormArgs a, int ch)
    {
        var gy = a.Source;
        var x = a.Input!;
        var inner = a.Inner;
        var count = a.N * inner;
        var mean = a.Mean[ch];
        var inv = a.InvStd[ch];
        double sumG = 0;
        double sumGCentred = 0;
        for (var b = 0; b < a.N; b++)
        {
            var offset = ((b * a.C) + ch) * inner;
            var (rowG, rowGCentred) = GradientSums(gy.AsSpan(offset, inner), x.AsSpan(offset, inner), mean);
            sumG += rowG;
            sumGCentred += rowGCentred;
        }

        // Σ g·x̂ = σ⁻¹ · Σ g·(x − μ)
        var sumGx = sumGCentred * inv;
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

        var scale = (a.Weight?[ch] ?? 1f) * inv;

        // Training: dx = γσ⁻¹·(g − mean(g) − x̂·mean(g·x̂)) with x̂ = (x − μ)σ⁻¹, i.e. dx = α·g + β·x + δ.
        // Evaluation: the statistics are constants, dx = γσ⁻¹·g.
        var alpha = scale;
        var betaX = a.Training ? -scale * (float)(sumGx / count) * inv : 0f;
        var delta = a.Training ? (-scale * (float)(sumG / count)) - (betaX * mean) : 0f;
        for (var b = 0; b < a.N; b++)
        {
            var offset = ((b * a.C) + ch) * inner;
            AccumulateInputGrad(gy.AsSpan(offset, inner), x.AsSpan(offset, inner), gx.AsSpan(offset, inner), alpha, betaX, delta, a.OverwriteInputGrad);
        }
    }

    /// <summary>(Σ (x − k), Σ (x − k)²) of one row, in float.</summary>
    private static (float Sum, float Squares) ShiftedMoments(ReadOnlySpan<float> row, float shift)
    {
        var i = 0;
        var sum = Vector<float>.Zero;
        var squares = Vector<float>.Zero;
        if (Vector.IsHardwareAccelerated && row.Length >= Vector<float>.Count)
        {
            var k = new Vector<float>(shift);
            for (; i <= row.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var d = new Vector<float>(row[i..]) - k;
                sum += d;
                squares += d * d;
            }
        }

        var s = Vector.Sum(sum);
        var q = Vector.Sum(squares);
        for (; i < row.Length; i++)
        {
            var d = row[i] - shift;
            s += d;
            q += d * d;
        }

        return (s, q);
    }

    /// <summary>(Σ g, Σ g·(x − mean)) of one row, in float.</summary>
    private static (float Sum, float CentredDot) GradientSums(ReadOnlySpan<float> g, ReadOnlySpan<float> x, float mean)
    {
        var i = 0;
        var sum = Vector<float>.Zero;
        var dot = Vector<float>.Zero;
        if (Vector.IsHardwareAccelerated && g.Length >= Vector<float>.Count)
        {
            var m = new Vector<float>(mean);
            for (; i <= g.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var gv = new Vector<float>(g[i..]);
                sum += gv;
                dot += gv * (new Vector<float>(x[i..]) - m);
            }
        }

        var s = Vector.Sum(sum);
        var d = Vector.Sum(dot);
        for (; i < g.Length; i++)
        {
            s += g[i];
            d += g[i] * (x[i] - mean);
        }

        return (s, d);
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

    /// <summary>gx += α·g + β·x + δ over one row (= when <paramref name="overwrite"/>).</summary>
    private static void AccumulateInputGrad(
        ReadOnlySpan<float> g, ReadOnlySpan<float> x, Span<float> gx, float alpha, float beta, float delta, bool overwrite)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && g.Length >= Vector<float>.Count)
        {
            var va = new Vector<float>(alpha);
            var vb = new Vector<float>(beta);
            var vd = new Vector<float>(delta);
            for (; i <= g.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var value = (va * new Vector<float>(g[i..])) + (vb * new Vector<float>(x[i..])) + vd;
                (overwrite ? value : new Vector<float>(gx[i..]) + value).CopyTo(gx[i..]);
            }
        }

        for (; i < g.Length; i++)
        {
            var value = (alpha * g[i]) + (beta * x[i]) + delta;
            gx[i] = overwrite ? value : gx[i] + value;
        }
    }
}
