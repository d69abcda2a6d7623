using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// Unfolds one image's input patches into a column matrix (im2col) and folds column gradients back (col2im).
/// Rows are (channel, ky, kx) of a channel range, columns the image's output pixels; several images sit side by
/// side in one matrix (<c>columnOffset</c>, <c>ldCol</c>) so one GEMM serves a chunk of the batch.
/// </summary>
public static unsafe class Im2Col
{
    /// <summary>
    /// col[(c·KH + ky)·KW + kx, columnOffset + oy·OW + ox] = image[channelStart + c, oy·sh − padTop + ky·dh,
    /// ox·sw − padLeft + kx·dw], zero where that falls in the padding.
    /// </summary>
    /// <param name="image">One image, [channels, height, width] of the geometry.</param>
    public static void Pack(
        Conv2dShape geometry, ReadOnlySpan<float> image, int channelStart, int channelCount, Span<float> col,
        int ldCol, int columnOffset)
    {
        Check(geometry, image.Length, channelStart, channelCount, col.Length, ldCol, columnOffset);
        fixed (float* pImage = image)
        fixed (float* pCol = col)
        {
            Pack(geometry, pImage, channelStart, channelCount, pCol, ldCol, columnOffset);
        }
    }

    /// <summary>
    /// The adjoint of <see cref="Pack(Conv2dShape, ReadOnlySpan{float}, int, int, Span{float}, int, int)"/>:
    /// adds every column entry into the image pixel it was read from (padding entries are dropped).
    /// </summary>
    public static void Accumulate(
        Conv2dShape geometry, ReadOnlySpan<float> col, int ldCol, int columnOffset, Span<float> image,
        int channelStart, int channelCount)
    {
        Check(geometry, image.Length, channelStart, channelCount, col.Length, ldCol, columnOffset);
        fixed (float* pImage = image)
        fixed (float* pCol = col)
        {
            Accumulate(geometry, pCol, ldCol, columnOffset, pImage, channelStart, channelCount);
        }
    }

    internal static void Pack(
        Conv2dShape g, float* image, int channelStart, int channelCount, float* col, int ldCol, int columnOffset)
    {
        var (oh, ow, h, w) = (g.OutHeight, g.OutWidth, g.Height, g.Width);
        var row = 0;
        for (var c = 0; c < channelCount; c++)
        {
            var plane = image + ((long)(channelStart + c) * h * w);
            for (var ky = 0; ky < g.KernelHeight; ky++)
            {
                for (var kx = 0; kx < g.KernelWidth; kx++, row++)
                {
                    var dst = col + ((long)row * ldCol) + columnOffset;
                    var xOffset = (kx * g.DilationWidth) - g.PadLeft;

                    // Output columns whose input x lies inside the image: ox in [oxStart, oxEnd).
                    var (oxStart, oxEnd) = ValidRange(xOffset, g.StrideWidth, w, ow);
                    for (var oy = 0; oy < oh; oy++, dst += ow)
                    {
                        var y = (oy * g.StrideHeight) - g.PadTop + (ky * g.DilationHeight);
                        if ((uint)y >= (uint)h)
                        {
                            new Span<float>(dst, ow).Clear();
                            continue;
                        }

                        var src = plane + ((long)y * w) + xOffset;
                        if (oxStart > 0)
                        {
                            new Span<float>(dst, oxStart).Clear();
                        }

                        if (g.StrideWidth == 1)
                        {
                            CopyRow(src + oxStart, dst + oxStart, oxEnd - oxStart);
                        }
                        else
                        {
                            for (var ox = oxStart; ox < oxEnd; ox++)
                            {
                                dst[ox] = src[(long)ox * g.StrideWidth];
                            }
                        }

                        if (oxEnd < ow)
                        {
                            new Span<float>(dst + oxEnd, ow - oxEnd).Clear();
                        }
                    }
                }
            }
        }
    }

    internal static void Accumulate(
        Conv2dShape g, float* col, int ldCol, int columnOffset, float* image, int channelStart, int channelCount)
    {
        var (oh, ow, h, w) = (g.OutHeight, g.OutWidth, g.Height, g.Width);
        var row = 0;
        for (var c = 0; c < channelCount; c++)
        {
            var plane = image + ((long)(channelStart + c) * h * w);
            for (var ky = 0; ky < g.KernelHeight; ky++)
            {
                for (var kx = 0; kx < g.KernelWidth; kx++, row++)
                {
                    var src = col + ((long)row * ldCol) + columnOffset;
                    var xOffset = (kx * g.DilationWidth) - g.PadLeft;
                    var (oxStart, oxEnd) = ValidRange(xOffset, g.StrideWidth, w, ow);
                    for (var oy = 0; oy < oh; oy++, src += ow)
                    {
                        var y = (oy * g.StrideHeight) - g.PadTop + (ky * g.DilationHeight);
                        if ((uint)y >= (uint)h)
                        {
                            continue;
                        }

                        var dst = plane + ((long)y * w) + xOffset;
                        if (g.StrideWidth == 1)
                        {
                            AddRow(src + oxStart, dst + oxStart, oxEnd - oxStart);
                        }
                        else
                        {
                            for (var ox = oxStart; ox < oxEnd; ox++)
                            {
                                dst[(long)ox * g.StrideWidth] += src[ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>dst[0..n) = src[0..n): rows are short (tens of floats), so inline vectors beat a memmove call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRow(float* src, float* dst, int n)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            for (; i <= n - 8; i += 8)
            {
                Vector256.Store(Vector256.Load(src + i), dst + i);
            }

            if (i < n)
            {
                // Overlapping last vector: rewriting a few copied values is harmless.
                Vector256.Store(Vector256.Load(src + n - 8), dst + n - 8);
            }

            return;
        }

        for (; i < n; i++)
        {
            dst[i] = src[i];
        }
    }

    /// <summary>dst[0..n) += src[0..n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(float* src, float* dst, int n)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - 8; i += 8)
            {
                Vector256.Store(Vector256.Load(dst + i) + Vector256.Load(src + i), dst + i);
            }
        }

        for (; i < n; i++)
        {
            dst[i] += src[i];
        }
    }

    /// <summary>The output columns ox with 0 ≤ ox·stride + offset &lt; width.</summary>
    internal static (int Start, int End) ValidRange(int offset, int stride, int width, int outWidth)
    {
        var start = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        var end = width - offset <= 0 ? 0 : ((width - offset - 1) / stride) + 1;
        start = Math.Min(start, outWidth);
        end = Math.Clamp(end, start, outWidth);
        return (start, end);
    }

    private static void Check(
        Conv2dShape g, int imageLength, int channelStart, int channelCount, int colLength, int ldCol, int columnOffset)
    {
        if (channelStart < 0 || channelCount < 1 || channelStart + channelCount > g.Channels)
        {
            throw new ArgumentOutOfRangeException(
                nameof(channelCount), $"im2col: channels {channelStart}..{channelStart + channelCount} outside 0..{g.Channels}.");
        }

        if (imageLength < g.Channels * g.Height * g.Width)
        {
            throw new ArgumentException($"im2col: the image holds {imageLength} floats, the geometry needs {g.Channels * g.Height * g.Width}.");
        }

        var rows = channelCount * g.KernelHeight * g.KernelWidth;
        if (columnOffset < 0 || columnOffset + g.OutPixels > ldCol || ((long)(rows - 1) * ldCol) + columnOffset + g.OutPixels > colLength)
        {
            throw new ArgumentException(
                $"im2col: a {rows}×{ldCol} column matrix (offset {columnOffset}) does not fit {colLength} floats or {g.OutPixels} pixels.");
        }
    }
}
