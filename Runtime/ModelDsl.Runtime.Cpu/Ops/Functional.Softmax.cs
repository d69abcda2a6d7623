using System;
using ModelDsl.Runtime.Cpu.Graph;

namespace ModelDsl.Runtime.Cpu;

public static partial class Functional
{
    /// <summary>Numerically stable softmax over <paramref name="dim"/> (default: channels/features).</summary>
    public static Tensor Softmax(Tensor x, int dim = 1) => SoftmaxCore(x, dim, log: false);

    /// <summary>Numerically stable log-softmax over <paramref name="dim"/> (default: channels/features).</summary>
    public static Tensor LogSoftmax(Tensor x, int dim = 1) => SoftmaxCore(x, dim, log: true);

    private static Tensor SoftmaxCore(Tensor x, int dim, bool log)
    {
        var (outer, classes, inner) = SplitAt(x, dim);
        var y = Tensor.Empty(x.ShapeArray);
        SoftmaxKernel(x.Buffer, y.Buffer, outer, classes, inner, log);
        return Autograd.ShouldRecord(x) ? Autograd.Record(y, new SoftmaxNode(x, outer, classes, inner, log)) : y;
    }

    /// <summary>(product of dims before, dim, product of dims after).</summary>
    private static (int Outer, int Size, int Inner) SplitAt(Tensor x, int dim)
    {
        var shape = x.ShapeArray;
        var d = Tensor.NormalizeDim(dim, shape.Length);
        var outer = 1;
        for (var i = 0; i < d; i++)
        {
            outer *= shape[i];
        }

        var inner = 1;
        for (var i = d + 1; i < shape.Length; i++)
        {
            inner *= shape[i];
        }

        return (outer, shape[d], inner);
    }

    /// <summary>Softmax (or log-softmax) of every fibre x[o, :, i]: subtract the max, exponentiate, normalise.</summary>
    internal static void SoftmaxKernel(float[] x, float[] y, int outer, int classes, int inner, bool log)
    {
        for (var o = 0; o < outer; o++)
        {
            var baseIndex = o * classes * inner;
            for (var i = 0; i < inner; i++)
            {
                var start = baseIndex + i;
                var max = float.NegativeInfinity;
                for (var c = 0; c < classes; c++)
                {
                    max = MathF.Max(max, x[start + (c * inner)]);
                }

                double sum = 0;
                for (var c = 0; c < classes; c++)
                {
                    sum += Math.Exp(x[start + (c * inner)] - max);
                }

                if (log)
                {
                    var logSum = (float)Math.Log(sum) + max;
                    for (var c = 0; c < classes; c++)
                    {
                        y[start + (c * inner)] = x[start + (c * inner)] - logSum;
                    }
                }
                else
                {
                    var scale = 1.0 / sum;
                    for (var c = 0; c < classes; c++)
                    {
                        y[start + (c * inner)] = (float)(Math.Exp(x[start + (c * inner)] - max) * scale);
                    }
                }
            }
        }
    }

    private sealed class SoftmaxNode(Tensor x, int outer, int classes, int inner, bool log) : GradNode(x)
    {
        public override void Backward(float[] gradOutput)
        {
            var gx = GradientOf(Inputs[0]!);
            var y = Output.Buffer;
            for (var o = 0; o < outer; o++)
            {
                var baseIndex = o * classes * inner;
                for (var i = 0; i < inner; i++)
                {
                    var start = baseIndex + i;
                    double dot = 0;
                    for (var c = 0; c < classes; c++)
                    {
                        var k = start + (c * inner);
                        dot += log ? gradOutput[k] : gradOutput[k] * y[k];
                    }

                    for (var c = 0; c < classes; c++)
                    {
                        var k = start + (c * inner);

                        // softmax: y·(g − Σ g·y); log-softmax: g − e^y · Σ g.
                        gx[k] += log
                            ? gradOutput[k] - (float)(Math.Exp(y[k]) * dot)
                            : y[k] * (gradOutput[k] - (float)dot);
                    }
                }
            }
        }
    }
}
