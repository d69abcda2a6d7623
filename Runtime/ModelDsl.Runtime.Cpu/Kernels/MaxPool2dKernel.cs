using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// Max pooling with 2×2 windows and stride 2 (no padding, floor mode) over [planes, height, width], the pooling of
/// most convnets: 8 and 4 outputs at a time (even/odd columns de-interleaved with shuffles), the planes split over
/// the kernel threads. Ties go to the first element in row-major window order and NaN wins, as in the engine's
/// generic loop (and PyTorch); <c>argmax</c> gets each winner's index within its input plane.
/// </summary>
public static unsafe class MaxPool2dKernel
{
    /// <summary>Outputs per parallel part (smaller jobs stay on the calling thread).</summary>
    private const int PartOutputs = 16 * 1024;

    public static void Forward2x2(
        ReadOnlySpan<float> input, int planes, int height, int width, Span<float> output, Span<int> argmax)
    {
        if (planes < 0 || height < 2 || width < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"max pool 2×2: {planes} planes of {height}×{width} (needs at least 2×2).");
        }

        var outPlane = (height / 2) * (width / 2);
        if (input.Length < planes * height * width || output.Length < planes * outPlane ||
            (!argmax.IsEmpty && argmax.Length < planes * outPlane))
        {
            throw new ArgumentException(
                $"max pool 2×2: buffers too small for {planes} planes of {height}×{width} " +
                $"(input {input.Length}, output {output.Length}, argmax {argmax.Length}).");
        }

        fixed (float* x = input)
        fixed (float* y = output)
        fixed (int* indices = argmax)
        {
            var shape = new MaxPoolPlanes(x, y, argmax.IsEmpty ? null : indices, height, width);
            var planesPerPart = Math.Max(1, PartOutputs / Math.Max(1, outPlane));
            var parts = (planes + planesPerPart - 1) / planesPerPart;
            if (parts <= 1 || KernelThreads.Count == 1)
            {
                Planes(shape, 0, planes);
            }
            else
            {
                MaxPoolJob.Run(shape, planes, planesPerPart, parts);
            }
        }
    }

    internal static void Planes(in MaxPoolPlanes s, int first, int end)
    {
        var outH = s.Height / 2;
        var outW = s.Width / 2;
        for (var plane = first; plane < end; plane++)
        {
            var x = s.Input + ((long)plane * s.Height * s.Width);
            var y = s.Output + ((long)plane * outH * outW);
            var indices = s.Argmax == null ? null : s.Argmax + ((long)plane * outH * outW);
            for (var oh = 0; oh < outH; oh++)
            {
                var row0 = 2 * oh * s.Width;
                var ow = 0;
                if (Avx2.IsSupported)
                {
                    ow = Row8(x, row0, s.Width, outW, y + (oh * outW), indices == null ? null : indices + (oh * outW));
                }

                for (; ow < outW; ow++)
                {
                    var at = row0 + (2 * ow);
                    var best = at;
                    Consider(x, at + 1, ref best);
                    Consider(x, at + s.Width, ref best);
                    Consider(x, at + s.Width + 1, ref best);
                    y[(oh * outW) + ow] = x[best];
                    if (indices != null)
                    {
                        indices[(oh * outW) + ow] = best;
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Consider(float* x, int candidate, ref int best)
    {
        var v = x[candidate];
        if (v > x[best] || (float.IsNaN(v) && !float.IsNaN(x[best])))
        {
            best = candidate;
        }
    }

    /// <summary>Groups of 8 outputs of one output row; returns the first output column left for the scalar tail.</summary>
    private static int Row8(float* x, int row0, int width, int outW, float* y, int* indices)
    {
        var lane = Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14);
        var ow = 0;
        for (; ow <= outW - 8; ow += 8)
        {
            var top = x + row0 + (2 * ow);
            var bottom = top + width;
            var (topEven, topOdd) = Deinterleave(Vector256.Load(top), Vector256.Load(top + 8));
            var (bottomEven, bottomOdd) = Deinterleave(Vector256.Load(bottom), Vector256.Load(bottom + 8));
            var index = Vector256.Create(row0 + (2 * ow)) + lane;

            var best = topEven;
            var bestIndex = index;
            Update(ref best, ref bestIndex, topOdd, index + Vector256<int>.One);
            Update(ref best, ref bestIndex, bottomEven, index + Vector256.Create(width));
            Update(ref best, ref bestIndex, bottomOdd, index + Vector256.Create(width + 1));
            Vector256.Store(best, y + ow);
            if (indices != null)
            {
                Vector256.Store(bestIndex, indices + ow);
            }
        }

        // One group of 4 (the convnet's 13- and 5-wide outputs would otherwise be mostly scalar).
        if (ow <= outW - 4)
        {
            var top = x + row0 + (2 * ow);
            var bottom = top + width;
            var (a, b) = (Vector128.Load(top), Vector128.Load(top + 4));
            var (c, d) = (Vector128.Load(bottom), Vector128.Load(bottom + 4));
            var index = Vector128.Create(row0 + (2 * ow)) + Vector128.Create(0, 2, 4, 6);
            var best = Sse.Shuffle(a, b, 0b10_00_10_00);
            var bestIndex = index;
            Update(ref best, ref bestIndex, Sse.Shuffle(a, b, 0b11_01_11_01), index + Vector128<int>.One);
            Update(ref best, ref bestIndex, Sse.Shuffle(c, d, 0b10_00_10_00), index + Vector128.Create(width));
            Update(ref best, ref bestIndex, Sse.Shuffle(c, d, 0b11_01_11_01), index + Vector128.Create(width + 1));
            Vector128.Store(best, y + ow);
            if (indices != null)
            {
                Vector128.Store(bestIndex, indices + ow);
            }

            ow += 4;
        }

        return ow;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(ref Vector128<float> best, ref Vector128<int> bestIndex, Vector128<float> candidate, Vector128<int> index)
    {
        var candidateNaN = ~Vector128.Equals(candidate, candidate);
        var bestNaN = ~Vector128.Equals(best, best);
        var take = Vector128.GreaterThan(candidate, best) | Vector128.AndNot(candidateNaN, bestNaN);
        best = Vector128.ConditionalSelect(take, candidate, best);
        bestIndex = Vector128.ConditionalSelect(take.AsInt32(), index, bestIndex);
    }

    /// <summary>Takes the candidate where it is greater, or NaN while the best is not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(ref Vector256<float> best, ref Vector256<int> bestIndex, Vector256<float> candidate, Vector256<int> index)
    {
        var candidateNaN = ~Vector256.Equals(candidate, candidate);
        var bestNaN = ~Vector256.Equals(best, best);
        var take = Vector256.GreaterThan(candidate, best) | Vector256.AndNot(candidateNaN, bestNaN);
        best = Vector256.ConditionalSelect(take, candidate, best);
        bestIndex = Vector256.ConditionalSelect(take.AsInt32(), index, bestIndex);
    }

    /// <summary>(a0 a1 … a7, b0 … b7) → (a0 a2 a4 a6 b0 b2 b4 b6, a1 a3 a5 a7 b1 b3 b5 b7).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Even, Vector256<float> Odd) Deinterleave(Vector256<float> a, Vector256<float> b)
    {
        // Within each 128-bit lane: (a0 a2 b0 b2 | a4 a6 b4 b6); then order the 64-bit pairs as (0, 2, 1, 3).
        var even = Avx.Shuffle(a, b, 0b10_00_10_00);
        var odd = Avx.Shuffle(a, b, 0b11_01_11_01);
        return (
            Avx2.Permute4x64(even.AsDouble(), 0b11_01_10_00).AsSingle(),
            Avx2.Permute4x64(odd.AsDouble(), 0b11_01_10_00).AsSingle());
    }
}
