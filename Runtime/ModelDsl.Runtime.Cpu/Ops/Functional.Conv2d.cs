using System;
using ModelDsl.Runtime.Cpu.Graph;
using ModelDsl.Runtime.Cpu.Kernels;

namespace ModelDsl.Runtime.Cpu;

public static partial class Functional
{
    /// <summary>
    /// 2-D convolution (cross-correlation, as PyTorch) of x [N, C, H, W] with weight [O, C/groups, kh, kw]
    /// and bias [O] (or null), through im2col + GEMM per example and group.
    /// </summary>
    public static Tensor Conv2d(
        Tensor x, Tensor weight, Tensor? bias, (int H, int W) stride, Padding2d padding, (int H, int W) dilation, int groups = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        Shapes.RequireRank(x, 4, "conv2d", "[N, C, H, W] input");
        Shapes.RequireRank(weight, 4, "conv2d", "[out, in/groups, kh, kw] weight");
        var ws = weight.ShapeArray;
        var channels = x.ShapeArray[1];
        if (groups < 1 || channels % groups != 0 || ws[0] % groups != 0)
        {
            throw new ArgumentException($"conv2d: {channels} input channels and {ws[0]} filters must both be divisible by groups = {groups}");
        }

        if (ws[1] != channels / groups)
        {
            throw new ArgumentException(
                $"conv2d: weight {Tensor.Describe(ws)} expects {ws[1] * groups} input channels (groups = {groups}) but the input is {Tensor.Describe(x.ShapeArray)}");
        }

        if (bias is not null && (bias.Rank != 1 || bias.ShapeArray[0] != ws[0]))
        {
            throw new ArgumentException($"conv2d bias must be [{ws[0]}] but is {Tensor.Describe(bias.ShapeArray)}");
        }

        var g = Conv2dGeometry.Create("conv2d", x.ShapeArray, (ws[2], ws[3]), stride, padding, dilation);
        var y = Tensor.Empty([g.Batch, ws[0], g.OutH, g.OutW]);
        Conv2dKernels.Forward(g, groups, ws[0], x.Buffer, weight.Buffer, bias?.Buffer, y.Buffer);
        return Autograd.ShouldRecord(x, weight, bias)
            ? Autograd.Record(y, new Conv2dNode(x, weight, bias, g, groups, ws[0]))
            : y;
    }

    private sealed class Conv2dNode(Tensor x, Tensor weight, Tensor? bias, Conv2dGeometry g, int groups, int filters)
        : GradNode(x, weight, bias)
    {
        public override void Backward(float[] gradOutput)
        {
            var input = Inputs[0]!;
            var w = Inputs[1]!;
            var b = Inputs[2];
            Conv2dKernels.Backward(
                g,
                groups,
                filters,
                input.Buffer,
                w.Buffer,
                gradOutput,
                Wants(input) ? GradientOf(input) : null,
                Wants(w) ? GradientOf(w) : null,
                Wants(b) ? GradientOf(b!) : null);
        }
    }
}
