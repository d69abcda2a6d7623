using System;
using ModelDsl.Runtime.Cpu.Graph;
using ModelDsl.Runtime.Cpu.Kernels;

namespace ModelDsl.Runtime.Cpu;

public static partial class Functional
{
    /// <summary>
    /// y = x·Wᵀ + b for x [..., in], weight [out, in] (PyTorch layout), bias [out] or null.
    /// Leading dimensions are flattened into the batch.
    /// </summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        Shapes.RequireRank(weight, 2, "linear", "[out, in] weight");
        var outFeatures = weight.ShapeArray[0];
        var inFeatures = weight.ShapeArray[1];
        if (x.Rank < 1 || x.ShapeArray[^1] != inFeatures)
        {
            throw new ArgumentException(
                $"linear expects input [..., {inFeatures}] for a [{outFeatures}, {inFeatures}] weight but receives {Tensor.Describe(x.ShapeArray)}");
        }

        if (bias is not null && (bias.Rank != 1 || bias.ShapeArray[0] != outFeatures))
        {
            throw new ArgumentException($"linear bias must be [{outFeatures}] but is {Tensor.Describe(bias.ShapeArray)}");
        }

        var rows = inFeatures == 0 ? 0 : x.Count / inFeatures;
        var shape = (int[])x.ShapeArray.Clone();
        shape[^1] = outFeatures;
        var y = Tensor.Empty(shape);
        var ys = y.Buffer;
        if (bias is not null)
        {
            var b = bias.Buffer;
            for (var r = 0; r < rows; r++)
            {
                b.AsSpan().CopyTo(ys.AsSpan(r * outFeatures, outFeatures));
            }
        }

        Gemm.Multiply(false, true, rows, outFeatures, inFeatures, 1f, x.Buffer, inFeatures, weight.Buffer, inFeatures, bias is null ? 0f : 1f, ys, outFeatures);
        return Autograd.ShouldRecord(x, weight, bias)
            ? Autograd.Record(y, new LinearNode(x, weight, bias, rows, inFeatures, outFeatures))
            : y;
    }

    private sealed class LinearNode(Tensor x, Tensor weight, Tensor? bias, int rows, int inFeatures, int outFeatures)
        : GradNode(x, weight, bias)
    {
        public override void Backward(float[] gradOutput)
        {
            var input = Inputs[0]!;
            var w = Inputs[1]!;
            var b = Inputs[2];

            // dX [rows, in] += dY [rows, out] · W [out, in]
            if (Wants(input))
            {
                var inputGrad = GradientToWrite(input, out var overwrite);
                Gemm.Multiply(
                    false, false, rows, inFeatures, outFeatures, 1f, gradOutput, outFeatures, w.Buffer, inFeatures, overwrite ? 0f : 1f,
                    inputGrad, inFeatures);
            }

            // dW [out, in] += dYᵀ [out, rows] · X [rows, in]
            if (Wants(w))
            {
                Gemm.Multiply(true, false, outFeatures, inFeatures, rows, 1f, gradOutput, outFeatures, input.Buffer, inFeatures, 1f, GradientOf(w), inFeatures);
            }

            if (Wants(b))
            {
                var gb = GradientOf(b!);
                for (var r = 0; r < rows; r++)
                {
                    AddInto(gradOutput.AsSpan(r * outFeatures, outFeatures), gb);
                }
            }
        }
    }
}
