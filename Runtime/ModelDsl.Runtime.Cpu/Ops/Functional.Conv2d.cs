using System;
using ModelDsl.Runtime.Cpu.Graph;
using ModelDsl.Runtime.Cpu.Kernels;

namespace ModelDsl.Runtime.Cpu;

public static partial class Functional
{
    /// <summary>
    /// 2-D convolution (cross-correlation, as PyTorch) of x [N, C, H, W] with weight [O, C/groups, kh, kw]
    /// and bias [O] (or null). Padding may be asymmetric or Keras <c>same</c>. The work is done by
    /// <see cref="Conv2dKernel"/> (im2col + blocked GEMM, batch split over threads).
    /// </summary>
    public static Tensor Conv2d(
        Tensor x, Tensor weight, Tensor? bias, (int H, int W) stride, Padding2d padding, (int H, int W) dilation, int groups = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        Shapes.RequireRank(x, 4, "conv2d", "[N, C, H, W] input");
        Shapes.RequireRank(weight, 4, "conv2d", "[out, in/groups, kh, kw] weight");
        var ws = weight.ShapeArray;
        var xs = x.ShapeArray;
        if (groups < 1 || xs[1] % groups != 0 || ws[0] % groups != 0)
        {
            throw new ArgumentException($"conv2d: {xs[1]} input channels and {ws[0]} filters must both be divisible by groups = {groups}");
        }

        if (ws[1] != xs[1] / groups)
        {
            throw new ArgumentException(
                $"conv2d: weight {Tensor.Describe(ws)} expects {ws[1] * groups} input channels (groups = {groups}) but the input is {Tensor.Describe(xs)}");
        }

        if (bias is not null && (bias.Rank != 1 || bias.ShapeArray[0] != ws[0]))
        {
            throw new ArgumentException($"conv2d bias must be [{ws[0]}] but is {Tensor.Describe(bias.ShapeArray)}");
        }

        // Resolving through the pooling geometry gives the same "window larger than input" message as pooling.
        var window = Window2dGeometry.Create("conv2d", xs, (ws[2], ws[3]), stride, padding, dilation);
        var p = padding.Resolve(xs[2], xs[3], (ws[2], ws[3]), stride, dilation);
        var y = Tensor.Empty([xs[0], ws[0], window.OutH, window.OutW]);
        if (y.Count == 0)
        {
            return y;
        }

        var g = new Conv2dShape(
            xs[0], xs[1], xs[2], xs[3], ws[0], ws[2], ws[3], stride.H, stride.W, p.Top, p.Bottom, p.Left, p.Right, dilation.H, dilation.W, groups);
        Conv2dKernel.Forward(g, x.Buffer, weight.Buffer, bias is null ? default : bias.Buffer, y.Buffer);
        return Autograd.ShouldRecord(x, weight, bias) ? Autograd.Record(y, new Conv2dNode(x, weight, bias, g)) : y;
    }

    private sealed class Conv2dNode(Tensor x, Tensor weight, Tensor? bias, Conv2dShape g) : GradNode(x, weight, bias)
    {
        public override void Backward(float[] gradOutput)
        {
            var input = Inputs[0]!;
            var w = Inputs[1]!;
            var b = Inputs[2];
            if (Wants(input))
            {
                var inputGrad = GradientToWrite(input, out var overwrite);
                Conv2dKernel.BackwardInput(g, gradOutput, w.Buffer, inputGrad, accumulate: !overwrite);
            }

            var wantsBias = Wants(b);
            if (Wants(w) || wantsBias)
            {
                // The kernel computes both parameter gradients together; a frozen weight gets a throw-away buffer.
                var scratch = Wants(w) ? null : BufferPool.RentFloats(w.Count, clear: true);
                Conv2dKernel.BackwardWeight(
                    g, input.Buffer, gradOutput, scratch ?? GradientOf(w), wantsBias ? GradientOf(b!) : default, accumulate: true);
                if (scratch is not null)
                {
                    BufferPool.Return(scratch);
                }
            }
        }
    }
}
