using System;
using ModelDsl.Runtime.Cpu.Graph;

namespace ModelDsl.Runtime.Cpu;

public static partial class Functional
{
    /// <summary>
    /// Max pooling of [N, C, H, W]; padded positions never win (as −∞ in PyTorch, and as Keras' <c>same</c>).
    /// <paramref name="stride"/> defaults to the pool size.
    /// </summary>
    public static Tensor MaxPool2d(Tensor x, (int H, int W) pool, (int H, int W)? stride = null, Padding2d padding = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        Shapes.RequireRank(x, 4, "maxpool2d", "[N, C, H, W]");
        var g = Window2dGeometry.Create("maxpool2d", x.ShapeArray, pool, stride ?? pool, padding, (1, 1));
        var y = Tensor.Empty([g.Batch, g.Channels, g.OutH, g.OutW]);
        var record = Autograd.ShouldRecord(x);
        var argmax = record ? GradNode.SaveIntBuffer(y.Count) : null;
        Pool2dKernels.MaxForward(g, x.Buffer, y.Buffer, argmax);
        return record ? Autograd.Record(y, new MaxPoolNode(x, g, argmax!)) : y;
    }

    /// <summary>
    /// Average pooling of [N, C, H, W]. With <paramref name="countIncludePad"/> (PyTorch's default) padded zeros
    /// count in the divisor; pass false for Keras' <c>same</c> semantics, which average only real pixels.
    /// </summary>
    public static Tensor AvgPool2d(
        Tensor x, (int H, int W) pool, (int H, int W)? stride = null, Padding2d padding = default, bool countIncludePad = true)
    {
        ArgumentNullException.ThrowIfNull(x);
        Shapes.RequireRank(x, 4, "avgpool2d", "[N, C, H, W]");
        var g = Window2dGeometry.Create("avgpool2d", x.ShapeArray, pool, stride ?? pool, padding, (1, 1));
        var y = Tensor.Empty([g.Batch, g.Channels, g.OutH, g.OutW]);
        Pool2dKernels.AvgForward(g, countIncludePad, x.Buffer, y.Buffer);
        return Autograd.ShouldRecord(x) ? Autograd.Record(y, new AvgPoolNode(x, g, countIncludePad)) : y;
    }

    /// <summary>[N, C, H, W] → [N, C]: mean over each channel plane.</summary>
    public static Tensor GlobalAvgPool2d(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        Shapes.RequireRank(x, 4, "global_avgpool2d", "[N, C, H, W]");
        var s = x.ShapeArray;
        var plane = s[2] * s[3];
        var y = Tensor.Empty([s[0], s[1]]);
        var xs = x.Buffer;
        var ys = y.Buffer;
        for (var i = 0; i < ys.Length; i++)
        {
            ys[i] = System.Numerics.Tensors.TensorPrimitives.Sum(xs.AsSpan(i * plane, plane)) / plane;
        }

        return Autograd.ShouldRecord(x) ? Autograd.Record(y, new GlobalPoolNode(x, plane, null)) : y;
    }

    /// <summary>[N, C, H, W] → [N, C]: max over each channel plane.</summary>
    public static Tensor GlobalMaxPool2d(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        Shapes.RequireRank(x, 4, "global_maxpool2d", "[N, C, H, W]");
        var s = x.ShapeArray;
        var plane = s[2] * s[3];
        var y = Tensor.Empty([s[0], s[1]]);
        var record = Autograd.ShouldRecord(x);
        var argmax = record ? GradNode.SaveIntBuffer(y.Count) : null;
        var xs = x.Buffer;
        var ys = y.Buffer;
        for (var i = 0; i < ys.Length; i++)
        {
            var best = 0;
            var max = float.NegativeInfinity;
            for (var j = 0; j < plane; j++)
            {
                var v = xs[(i * plane) + j];
                if (v > max || float.IsNaN(v))
                {
                    max = v;
                    best = j;
                }
            }

            ys[i] = max;
            if (argmax is not null)
            {
                argmax[i] = best;
            }
        }

        return record ? Autograd.Record(y, new GlobalPoolNode(x, plane, argmax)) : y;
    }

    private sealed class MaxPoolNode(Tensor x, Window2dGeometry g, int[] argmax) : GradNode(x)
    {
        public override void Backward(float[] gradOutput) => Pool2dKernels.MaxBackward(g, argmax, gradOutput, GradientOf(Inputs[0]!));
    }

    private sealed class AvgPoolNode(Tensor x, Window2dGeometry g, bool countIncludePad) : GradNode(x)
    {
        public override void Backward(float[] gradOutput) => Pool2dKernels.AvgBackward(g, countIncludePad, gradOutput, GradientOf(Inputs[0]!));
    }

    private sealed class GlobalPoolNode(Tensor x, int plane, int[]? argmax) : GradNode(x)
    {
        public override void Backward(float[] gradOutput)
        {
            var gx = GradientOf(Inputs[0]!);
            for (var i = 0; i < gradOutput.Length; i++)
            {
                if (argmax is null)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(gx.AsSpan(i * plane, plane), gradOutput[i] / plane, gx.AsSpan(i * plane, plane));
                }
                else
                {
                    gx[(i * plane) + argmax[i]] += gradOutput[i];
                }
            }
        }
    }
}
