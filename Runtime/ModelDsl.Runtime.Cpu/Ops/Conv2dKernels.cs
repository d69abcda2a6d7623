using System;
using ModelDsl.Runtime.Cpu.Kernels;

namespace ModelDsl.Runtime.Cpu;

/// <summary>
/// The hot loops of conv2d: im2col / col2im and the GEMM calls. Kept apart from the autograd plumbing so
/// they can be optimised on their own. Layouts: x [N, C, H, W], w [O, C/g, kh, kw], y [N, O, Ho, Wo].
/// </summary>
internal static class Conv2dKernels
{
    public static void Forward(Conv2dGeometry g, int groups, int filters, float[] x, float[] w, float[]? bias, float[] y)
    {
        var cg = g.Channels / groups;
        var og = filters / groups;
        var k = cg * g.KernelH * g.KernelW;
        var p = g.OutPlane;
        var pointwise = IsPointwise(g);
        var col = pointwise ? null : BufferPool.RentFloats(k * p, clear: false);
        try
        {
            for (var n = 0; n < g.Batch; n++)
            {
                // The bias is written first and the GEMM accumulates onto it (beta = 1).
                if (bias is not null)
                {
                    for (var o = 0; o < filters; o++)
                    {
                        y.AsSpan(((n * filters) + o) * p, p).Fill(bias[o]);
                    }
                }

                for (var grp = 0; grp < groups; grp++)
                {
                    var xOffset = ((n * g.Channels) + (grp * cg)) * g.InPlane;
                    var yOffset = ((n * filters) + (grp * og)) * p;
                    ReadOnlySpan<float> b;
                    int ldb;
                    if (col is null)
                    {
                        b = x.AsSpan(xOffset, k * p);
                        ldb = p;
                    }
                    else
                    {
                        Im2Col(g, cg, x.AsSpan(xOffset), col);
                        b = col;
                        ldb = p;
                    }

                    Gemm.Multiply(false, false, og, p, k, 1f, w.AsSpan(grp * og * k, og * k), k, b, ldb, bias is null ? 0f : 1f, y.AsSpan(yOffset, og * p), p);
                }
            }
        }
        finally
        {
            if (col is not null)
            {
                BufferPool.Return(col);
            }
        }
    }

    public static void Backward(
        Conv2dGeometry g, int groups, int filters, float[] x, float[] w, float[] gy, float[]? gx, float[]? gw, float[]? gb)
    {
        var cg = g.Channels / groups;
        var og = filters / groups;
        var k = cg * g.KernelH * g.KernelW;
        var p = g.OutPlane;
        var pointwise = IsPointwise(g);
        var col = pointwise || gw is null ? null : BufferPool.RentFloats(k * p, clear: false);
        var dcol = pointwise || gx is null ? null : BufferPool.RentFloats(k * p, clear: false);
        try
        {
            for (var n = 0; n < g.Batch; n++)
            {
                for (var grp = 0; grp < groups; grp++)
                {
                    var xOffset = ((n * g.Channels) + (grp * cg)) * g.InPlane;
                    var yOffset = ((n * filters) + (grp * og)) * p;
                    var dy = gy.AsSpan(yOffset, og * p);
                    var wg = w.AsSpan(grp * og * k, og * k);
                    if (gw is not null)
                    {
                        // dW_g [og, k] += dY_g [og, p] · colᵀ [p, k]
                        ReadOnlySpan<float> cols = col is null ? x.AsSpan(xOffset, k * p) : col;
                        if (col is not null)
                        {
                            Im2Col(g, cg, x.AsSpan(xOffset), col);
                        }

                        Gemm.Multiply(false, true, og, k, p, 1f, dy, p, cols, p, 1f, gw.AsSpan(grp * og * k, og * k), k);
                    }

                    if (gx is not null)
                    {
                        // dcol [k, p] = W_gᵀ [k, og] · dY_g [og, p], then scattered back onto the input.
                        if (dcol is null)
                        {
                            Gemm.Multiply(true, false, k, p, og, 1f, wg, k, dy, p, 1f, gx.AsSpan(xOffset, k * p), p);
                        }
                        else
                        {
                            Gemm.Multiply(true, false, k, p, og, 1f, wg, k, dy, p, 0f, dcol, p);
                            Col2ImAdd(g, cg, dcol, gx.AsSpan(xOffset));
                        }
                    }
                }

                if (gb is not null)
                {
                    for (var o = 0; o < filters; o++)
                    {
                        var row = gy.AsSpan(((n * filters) + o) * p, p);
                        gb[o] += System.Numerics.Tensors.TensorPrimitives.Sum(row);
                    }
                }
            }
        }
        finally
        {
            if (col is not null)
            {
                BufferPool.Return(col);
            }

            if (dcol is not null)
            {
                BufferPool.Return(dcol);
            }
        }
    }

    /// <summary>1×1, stride 1, no padding: the input plane already is the column matrix.</summary>
    private static bool IsPointwise(Conv2dGeometry g) =>
        g.KernelH == 1 && g.KernelW == 1 && g.StrideH == 1 && g.StrideW == 1 && g.PadTop == 0 && g.PadLeft == 0
        && g.OutH == g.Height && g.OutW == g.Width;

    /// <summary>col[(c·kh + i)·kw + j, oh·Wo + ow] = x[c, oh·sh − pt + i·dh, ow·sw − pl + j·dw] (0 outside).</summary>
    internal static void Im2Col(Conv2dGeometry g, int channels, ReadOnlySpan<float> x, Span<float> col)
    {
        var p = g.OutPlane;
        var row = 0;
        for (var c = 0; c < channels; c++)
        {
            var plane = x.Slice(c * g.InPlane, g.InPlane);
            for (var i = 0; i < g.KernelH; i++)
            {
                for (var j = 0; j < g.KernelW; j++, row++)
                {
                    var dst = col.Slice(row * p, p);
                    for (var oh = 0; oh < g.OutH; oh++)
                    {
                        var ih = (oh * g.StrideH) - g.PadTop + (i * g.DilationH);
                        var dstRow = dst.Slice(oh * g.OutW, g.OutW);
                        if ((uint)ih >= (uint)g.Height)
                        {
                            dstRow.Clear();
                            continue;
                        }

                        var src = plane.Slice(ih * g.Width, g.Width);
                        var iw0 = (j * g.DilationW) - g.PadLeft;
                        if (g.StrideW == 1 && iw0 >= 0 && iw0 + g.OutW <= g.Width)
                        {
                            src.Slice(iw0, g.OutW).CopyTo(dstRow);
                            continue;
                        }

                        for (var ow = 0; ow < g.OutW; ow++)
                        {
                            var iw = (ow * g.StrideW) + iw0;
                            dstRow[ow] = (uint)iw < (uint)g.Width ? src[iw] : 0f;
                        }
                    }
                }
            }
        }
    }

    /// <summary>The adjoint of <see cref="Im2Col"/>: adds every column entry back onto its input pixel.</summary>
    internal static void Col2ImAdd(Conv2dGeometry g, int channels, ReadOnlySpan<float> col, Span<float> x)
    {
        var p = g.OutPlane;
        var row = 0;
        for (var c = 0; c < channels; c++)
        {
            var plane = x.Slice(c * g.InPlane, g.InPlane);
            for (var i = 0; i < g.KernelH; i++)
            {
                for (var j = 0; j < g.KernelW; j++, row++)
                {
                    var src = col.Slice(row * p, p);
                    for (var oh = 0; oh < g.OutH; oh++)
                    {
                        var ih = (oh * g.StrideH) - g.PadTop + (i * g.DilationH);
                        if ((uint)ih >= (uint)g.Height)
                        {
                            continue;
                        }

                        var dst = plane.Slice(ih * g.Width, g.Width);
                        var srcRow = src.Slice(oh * g.OutW, g.OutW);
                        var iw0 = (j * g.DilationW) - g.PadLeft;
                        for (var ow = 0; ow < g.OutW; ow++)
                        {
                            var iw = (ow * g.StrideW) + iw0;
                            if ((uint)iw < (uint)g.Width)
                            {
                                dst[iw] += srcRow[ow];
                            }
                        }
                    }
                }
            }
        }
    }
}
