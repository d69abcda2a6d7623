using System;

namespace ModelDsl.Runtime.Cpu;

/// <summary>Hot loops of max and average pooling over [N, C, H, W] planes.</summary>
internal static class Pool2dKernels
{
    /// <summary>Max over each window; <paramref name="argmax"/> (optional) gets the winning index within the plane.</summary>
    public static void MaxForward(Window2dGeometry g, float[] x, float[] y, int[]? argmax)
    {
        if (g.KernelH == 2 && g.KernelW == 2 && g.StrideH == 2 && g.StrideW == 2 && g.PadTop == 0 && g.PadLeft == 0 &&
            g.DilationH == 1 && g.DilationW == 1 && g.OutH == g.Height / 2 && g.OutW == g.Width / 2)
        {
            // The common 2×2/2 case: vectorised and multi-threaded (kernels engineer).
            Kernels.MaxPool2dKernel.Forward2x2(x, g.Batch * g.Channels, g.Height, g.Width, y, argmax);
            return;
        }

        var planes = g.Batch * g.Channels;
        for (var c = 0; c < planes; c++)
        {
            var xPlane = x.AsSpan(c * g.InPlane, g.InPlane);
            var yOffset = c * g.OutPlane;
            for (var oh = 0; oh < g.OutH; oh++)
            {
                var h0 = (oh * g.StrideH) - g.PadTop;
                var hStart = Math.Max(h0, 0);
                var hEnd = Math.Min(h0 + g.KernelH, g.Height);
                for (var ow = 0; ow < g.OutW; ow++)
                {
                    var w0 = (ow * g.StrideW) - g.PadLeft;
                    var wStart = Math.Max(w0, 0);
                    var wEnd = Math.Min(w0 + g.KernelW, g.Width);
                    var max = float.NegativeInfinity;
                    var best = -1;
                    for (var ih = hStart; ih < hEnd; ih++)
                    {
                        for (var iw = wStart; iw < wEnd; iw++)
                        {
                            var v = xPlane[(ih * g.Width) + iw];
                            if (v > max || float.IsNaN(v) || best < 0)
                            {
                                max = v;
                                best = (ih * g.Width) + iw;
                            }
                        }
                    }

                    y[yOffset + (oh * g.OutW) + ow] = best < 0 ? 0f : max;
                    if (argmax is not null)
                    {
                        argmax[yOffset + (oh * g.OutW) + ow] = best;
                    }
                }
            }
        }
    }

    public static void MaxBackward(Window2dGeometry g, int[] argmax, float[] gy, float[] gx)
    {
        var planes = g.Batch * g.Channels;
        for (var c = 0; c < planes; c++)
        {
            var xOffset = c * g.InPlane;
            var yOffset = c * g.OutPlane;
            for (var i = 0; i < g.OutPlane; i++)
            {
                var index = argmax[yOffset + i];
                if (index >= 0)
                {
                    gx[xOffset + index] += gy[yOffset + i];
                }
            }
        }
    }

    public static void AvgForward(Window2dGeometry g, bool countIncludePad, float[] x, float[] y)
    {
        var planes = g.Batch * g.Channels;
        for (var c = 0; c < planes; c++)
        {
            var xPlane = x.AsSpan(c * g.InPlane, g.InPlane);
            var yOffset = c * g.OutPlane;
            for (var oh = 0; oh < g.OutH; oh++)
            {
                var h0 = (oh * g.StrideH) - g.PadTop;
                var hStart = Math.Max(h0, 0);
                var hEnd = Math.Min(h0 + g.KernelH, g.Height);
                for (var ow = 0; ow < g.OutW; ow++)
                {
                    var w0 = (ow * g.StrideW) - g.PadLeft;
                    var wStart = Math.Max(w0, 0);
                    var wEnd = Math.Min(w0 + g.KernelW, g.Width);
                    var sum = 0f;
                    for (var ih = hStart; ih < hEnd; ih++)
                    {
                        for (var iw = wStart; iw < wEnd; iw++)
                        {
                            sum += xPlane[(ih * g.Width) + iw];
                        }
                    }

                    y[yOffset + (oh * g.OutW) + ow] = sum / Divisor(g, countIncludePad, hStart, hEnd, wStart, wEnd);
                }
            }
        }
    }

    public static void AvgBackward(Window2dGeometry g, bool countIncludePad, float[] gy, float[] gx)
    {
        var planes = g.Batch * g.Channels;
        for (var c = 0; c < planes; c++)
        {
            var xOffset = c * g.InPlane;
            var yOffset = c * g.OutPlane;
            for (var oh = 0; oh < g.OutH; oh++)
            {
                var h0 = (oh * g.StrideH) - g.PadTop;
                var hStart = Math.Max(h0, 0);
                var hEnd = Math.Min(h0 + g.KernelH, g.Height);
                for (var ow = 0; ow < g.OutW; ow++)
                {
                    var w0 = (ow * g.StrideW) - g.PadLeft;
                    var wStart = Math.Max(w0, 0);
                    var wEnd = Math.Min(w0 + g.KernelW, g.Width);
                    var share = gy[yOffset + (oh * g.OutW) + ow] / Divisor(g, countIncludePad, hStart, hEnd, wStart, wEnd);
                    for (var ih = hStart; ih < hEnd; ih++)
                    {
                        for (var iw = wStart; iw < wEnd; iw++)
                        {
                            gx[xOffset + (ih * g.Width) + iw] += share;
                        }
                    }
                }
            }
        }
    }

    private static float Divisor(Window2dGeometry g, bool countIncludePad, int hStart, int hEnd, int wStart, int wEnd)
    {
        var count = countIncludePad ? g.KernelH * g.KernelW : (hEnd - hStart) * (wEnd - wStart);
        return Math.Max(count, 1);
    }
}
